// Static vocabularies the generator draws on. Everything is data: changing a list changes the
// archive, so the lists are part of what a seed means.

/// The ~200 states: ISO 3166-1 alpha-2 code (non-withdrawn, from schema.sql's country table),
/// the country table's name, the capital, and optionally the capital in its own script.
let stateTable = """
AD|Andorra|Andorra la Vella
AE|United Arab Emirates|Abu Dhabi|أبوظبي
AF|Afghanistan|Kabul
AG|Antigua and Barbuda|Saint John's
AL|Albania|Tirana
AM|Armenia|Yerevan
AO|Angola|Luanda
AR|Argentina|Buenos Aires
AT|Austria|Vienna
AU|Australia|Canberra
AZ|Azerbaijan|Baku
BA|Bosnia and Herzegovina|Sarajevo
BB|Barbados|Bridgetown
BD|Bangladesh|Dhaka
BE|Belgium|Brussels
BF|Burkina Faso|Ouagadougou
BG|Bulgaria|Sofia|София
BH|Bahrain|Manama
BI|Burundi|Gitega
BJ|Benin|Porto-Novo
BN|Brunei Darussalam|Bandar Seri Begawan
BO|Bolivia|Sucre
BR|Brazil|Brasília
BS|Bahamas|Nassau
BT|Bhutan|Thimphu
BW|Botswana|Gaborone
BY|Belarus|Minsk|Мінск
BZ|Belize|Belmopan
CA|Canada|Ottawa
CD|Congo, The Democratic Republic of the|Kinshasa
CF|Central African Republic|Bangui
CG|Congo|Brazzaville
CH|Switzerland|Bern
CI|Côte d'Ivoire|Yamoussoukro
CL|Chile|Santiago
CM|Cameroon|Yaoundé
CN|China|Beijing
CO|Colombia|Bogotá
CR|Costa Rica|San José
CU|Cuba|Havana
CV|Cabo Verde|Praia
CY|Cyprus|Nicosia
CZ|Czechia|Prague
DE|Germany|Berlin
DJ|Djibouti|Djibouti
DK|Denmark|Copenhagen
DM|Dominica|Roseau
DO|Dominican Republic|Santo Domingo
DZ|Algeria|Algiers|الجزائر
EC|Ecuador|Quito
EE|Estonia|Tallinn
EG|Egypt|Cairo|القاهرة
ER|Eritrea|Asmara
ES|Spain|Madrid
ET|Ethiopia|Addis Ababa
FI|Finland|Helsinki
FJ|Fiji|Suva
FM|Micronesia, Federated States of|Palikir
FR|France|Paris
GA|Gabon|Libreville
GB|United Kingdom|London
GD|Grenada|Saint George's
GE|Georgia|Tbilisi
GH|Ghana|Accra
GM|Gambia|Banjul
GN|Guinea|Conakry
GQ|Equatorial Guinea|Malabo
GR|Greece|Athens
GT|Guatemala|Guatemala City
GW|Guinea-Bissau|Bissau
GY|Guyana|Georgetown
HN|Honduras|Tegucigalpa
HR|Croatia|Zagreb
HT|Haiti|Port-au-Prince
HU|Hungary|Budapest
ID|Indonesia|Jakarta
IE|Ireland|Dublin
IL|Israel|Jerusalem
IN|India|New Delhi
IQ|Iraq|Baghdad|بغداد
IR|Iran|Tehran
IS|Iceland|Reykjavík
IT|Italy|Rome
JM|Jamaica|Kingston
JO|Jordan|Amman|عمّان
JP|Japan|Tokyo
KE|Kenya|Nairobi
KG|Kyrgyzstan|Bishkek|Бишкек
KH|Cambodia|Phnom Penh|ភ្នំពេញ
KI|Kiribati|South Tarawa
KM|Comoros|Moroni
KN|Saint Kitts and Nevis|Basseterre
KP|North Korea|Pyongyang
KR|South Korea|Seoul
KW|Kuwait|Kuwait City
KZ|Kazakhstan|Astana|Астана
LA|Laos|Vientiane
LB|Lebanon|Beirut|بيروت
LC|Saint Lucia|Castries
LI|Liechtenstein|Vaduz
LK|Sri Lanka|Sri Jayawardenepura Kotte
LR|Liberia|Monrovia
LS|Lesotho|Maseru
LT|Lithuania|Vilnius
LU|Luxembourg|Luxembourg
LV|Latvia|Riga
LY|Libya|Tripoli|طرابلس
MA|Morocco|Rabat|الرباط
MC|Monaco|Monaco
MD|Moldova|Chișinău
ME|Montenegro|Podgorica
MG|Madagascar|Antananarivo
MH|Marshall Islands|Majuro
MK|North Macedonia|Skopje
ML|Mali|Bamako
MM|Myanmar|Naypyidaw
MN|Mongolia|Ulaanbaatar
MR|Mauritania|Nouakchott
MT|Malta|Valletta
MU|Mauritius|Port Louis
MV|Maldives|Malé
MW|Malawi|Lilongwe
MX|Mexico|Mexico City
MY|Malaysia|Kuala Lumpur
MZ|Mozambique|Maputo
NA|Namibia|Windhoek
NE|Niger|Niamey
NG|Nigeria|Abuja
NI|Nicaragua|Managua
NL|Netherlands|Amsterdam
NO|Norway|Oslo
NP|Nepal|Kathmandu
NR|Nauru|Yaren
NZ|New Zealand|Wellington
OM|Oman|Muscat|مسقط
PA|Panama|Panama City
PE|Peru|Lima
PG|Papua New Guinea|Port Moresby
PH|Philippines|Manila
PK|Pakistan|Islamabad
PL|Poland|Warsaw
PS|Palestine, State of|Ramallah|رام الله
PT|Portugal|Lisbon
PW|Palau|Ngerulmud
PY|Paraguay|Asunción
QA|Qatar|Doha|الدوحة
RO|Romania|Bucharest
RS|Serbia|Belgrade|Београд
RU|Russian Federation|Moscow|Москва
RW|Rwanda|Kigali
SA|Saudi Arabia|Riyadh|الرياض
SB|Solomon Islands|Honiara
SC|Seychelles|Victoria
SD|Sudan|Khartoum|الخرطوم
SE|Sweden|Stockholm
SG|Singapore|Singapore
SI|Slovenia|Ljubljana
SK|Slovakia|Bratislava
SL|Sierra Leone|Freetown
SM|San Marino|San Marino
SN|Senegal|Dakar
SO|Somalia|Mogadishu
SR|Suriname|Paramaribo
SS|South Sudan|Juba
ST|Sao Tome and Principe|São Tomé
SV|El Salvador|San Salvador
SY|Syria|Damascus|دمشق
SZ|Eswatini|Mbabane
TD|Chad|N'Djamena
TG|Togo|Lomé
TH|Thailand|Bangkok
TJ|Tajikistan|Dushanbe|Душанбе
TL|Timor-Leste|Dili
TM|Turkmenistan|Ashgabat
TN|Tunisia|Tunis|تونس
TO|Tonga|Nukuʻalofa
TR|Türkiye|Ankara
TT|Trinidad and Tobago|Port of Spain
TV|Tuvalu|Funafuti
TW|Taiwan|Taipei
TZ|Tanzania|Dodoma
UA|Ukraine|Kyiv|Київ
UG|Uganda|Kampala
US|United States|Washington, D.C.
UY|Uruguay|Montevideo
UZ|Uzbekistan|Tashkent
VA|Holy See (Vatican City State)|Vatican City
VC|Saint Vincent and the Grenadines|Kingstown
VE|Venezuela|Caracas
VN|Vietnam|Hanoi
VU|Vanuatu|Port Vila
WS|Samoa|Apia
XK|Kosovo|Pristina
YE|Yemen|Sana'a|صنعاء
ZA|South Africa|Pretoria
ZM|Zambia|Lusaka
ZW|Zimbabwe|Harare
"""

/// States whose statesmen appear most often, first; the rest follow in table order.
let prominentStates = ["US", "CN", "RU", "GB", "FR", "DE", "JP", "IN", "BR", "ID", "KH", "VN", "TH", "SG", "MY", "PH", "AU",
                       "CA", "IT", "ES", "TR", "SA", "EG", "ZA", "NG", "KR", "MX", "AR", "PK", "IR", "UA", "PL", "NL"]

/// Other names of some states, in several scripts.
let stateAliases: [String: [String]] = [
    "US": ["United States of America", "USA"],
    "GB": ["United Kingdom of Great Britain and Northern Ireland"],
    "RU": ["Russia", "Россия"],
    "CN": ["People's Republic of China", "中国"],
    "KH": ["Kingdom of Cambodia", "កម្ពុជា"],
    "KR": ["Republic of Korea"],
    "KP": ["Democratic People's Republic of Korea", "DPRK"],
    "EG": ["Arab Republic of Egypt", "مصر"],
    "SA": ["Kingdom of Saudi Arabia", "السعودية"],
    "UA": ["Україна"],
    "TR": ["Republic of Türkiye", "Turkey"],
    "CZ": ["Czech Republic"],
    "CD": ["DR Congo", "Democratic Republic of the Congo"],
    "CI": ["Ivory Coast"],
    "VA": ["Holy See"],
    "PS": ["Palestine"],
    "FM": ["Micronesia"],
    "IR": ["Islamic Republic of Iran"],
    "SY": ["Syrian Arab Republic"],
    "LA": ["Lao People's Democratic Republic"],
    "VN": ["Socialist Republic of Viet Nam", "Viet Nam"],
    "BG": ["България"],
    "RS": ["Србија"],
    "JO": ["Hashemite Kingdom of Jordan"],
]

/// A naming culture: given and family names (with the same names in another script where the
/// culture writes one), and whether the family name comes first.
struct Culture {
    var given: [String]
    var family: [String]
    var nativeGiven: [String]? = nil
    var nativeFamily: [String]? = nil
    var familyFirst = false
    var states: [String] = []
}

let cultures: [Culture] = [
    // 0: the default, for states not listed under another culture.
    Culture(given: ["John", "Mary", "David", "Sarah", "Michael", "Elizabeth", "James", "Margaret", "Robert", "Catherine",
                    "William", "Patricia", "Thomas", "Anne", "Richard", "Helen"],
            family: ["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thompson", "Walker", "Campbell",
                     "Clarke", "Robinson", "Wright", "Mitchell", "O'Brien", "MacLeod"]),
    Culture(given: ["Ivan", "Olga", "Dmitri", "Natalia", "Sergei", "Elena", "Andrei", "Tatiana", "Mikhail", "Irina",
                    "Alexei", "Svetlana", "Nikolai", "Yulia"],
            family: ["Petrov", "Sokolov", "Volkov", "Kuznetsov", "Morozov", "Popov", "Lebedev", "Novikov", "Kovalenko",
                     "Shevchenko", "Pavlov", "Orlov", "Zaitsev", "Smirnov"],
            nativeGiven: ["Иван", "Ольга", "Дмитрий", "Наталья", "Сергей", "Елена", "Андрей", "Татьяна", "Михаил", "Ирина",
                          "Алексей", "Светлана", "Николай", "Юлия"],
            nativeFamily: ["Петров", "Соколов", "Волков", "Кузнецов", "Морозов", "Попов", "Лебедев", "Новиков", "Коваленко",
                           "Шевченко", "Павлов", "Орлов", "Зайцев", "Смирнов"],
            states: ["RU", "BY", "UA", "BG", "RS", "KZ", "KG", "TJ", "MN"]),
    Culture(given: ["Ahmed", "Fatima", "Omar", "Leila", "Khalid", "Mariam", "Youssef", "Hassan", "Nour", "Karim",
                    "Samira", "Tariq", "Rania", "Faisal"],
            family: ["Haddad", "Mansour", "Khoury", "Nasser", "Saleh", "Abdallah", "Farouk", "Hamdan", "Qasim", "Rahman",
                     "Bakr", "Hashemi", "Zayed", "Sabbagh"],
            nativeGiven: ["أحمد", "فاطمة", "عمر", "ليلى", "خالد", "مريم", "يوسف", "حسن", "نور", "كريم",
                          "سميرة", "طارق", "رانيا", "فيصل"],
            nativeFamily: ["حداد", "منصور", "خوري", "ناصر", "صالح", "عبد الله", "فاروق", "حمدان", "قاسم", "رحمن",
                           "بكر", "هاشمي", "زايد", "صباغ"],
            states: ["AE", "BH", "DZ", "EG", "IQ", "JO", "KW", "LB", "LY", "MA", "MR", "OM", "PS", "QA", "SA", "SD", "SY",
                     "TN", "YE", "DJ", "KM"]),
    Culture(given: ["Sok", "Dara", "Sophea", "Vannak", "Bopha", "Rithy", "Sreymom", "Visal", "Chanthou", "Sothea",
                    "Pisey", "Veasna"],
            family: ["Chea", "Keo", "Heng", "Meas", "Sam", "Ouk", "Prak", "Tep", "Lim", "Chhay", "Nhem", "Sar"],
            nativeGiven: ["សុខ", "ដារ៉ា", "សោភា", "វណ្ណៈ", "បុប្ផា", "ឫទ្ធី", "ស្រីមុំ", "វិសាល", "ចាន់ធូ", "សុធា",
                          "ពិសី", "វាសនា"],
            nativeFamily: ["ជា", "កែវ", "ហេង", "មាស", "សំ", "អ៊ុក", "ប្រាក់", "ទេព", "លឹម", "ឆាយ", "ញឹម", "សរ"],
            familyFirst: true, states: ["KH"]),
    Culture(given: ["José", "María", "Juan", "Lucía", "Carlos", "Ana", "Andrés", "Sofía", "Miguel", "Valentina",
                    "Raúl", "Inés", "Javier", "Carmen"],
            family: ["García", "Rodríguez", "Martínez", "López", "González", "Pérez", "Sánchez", "Ramírez", "Torres",
                     "Flores", "Jiménez", "Díaz", "Morales", "Ortega"],
            states: ["AR", "BO", "CL", "CO", "CR", "CU", "DO", "EC", "ES", "GT", "HN", "MX", "NI", "PA", "PE", "PY", "SV",
                     "UY", "VE", "GQ"]),
    Culture(given: ["João", "Maria", "Pedro", "Beatriz", "António", "Inês", "Luís", "Mariana", "Tiago", "Fernanda",
                    "Rui", "Joana", "Paulo", "Helena"],
            family: ["Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins", "Sousa",
                     "Gonçalves", "Lopes", "Carvalho", "Almeida", "Ribeiro"],
            states: ["BR", "PT", "AO", "MZ", "CV", "GW", "ST", "TL"]),
    Culture(given: ["François", "Amélie", "Jean", "Claire", "Pierre", "Hélène", "Amadou", "Aïssata", "Moussa", "Fatou",
                    "Étienne", "Mathilde", "Ousmane", "Mariama"],
            family: ["Dubois", "Lefèvre", "Moreau", "Laurent", "Diallo", "Traoré", "Koné", "Ndiaye", "Kaboré",
                     "Ouédraogo", "Nkurunziza", "Mabiala", "Rousseau", "Girard"],
            states: ["FR", "BE", "LU", "MC", "CH", "CI", "SN", "ML", "BF", "NE", "TD", "CM", "GA", "CG", "CD", "CF", "BJ",
                     "TG", "GN", "MG", "HT", "BI", "RW", "SC"]),
    Culture(given: ["Hans", "Greta", "Søren", "Ingrid", "Lars", "Astrid", "Jürgen", "Katrin", "Matthias", "Sigríður",
                    "Erik", "Liv", "Johannes", "Annika"],
            family: ["Müller", "Schmidt", "Jensen", "Hansen", "Larsen", "Andersson", "Nilsson", "Virtanen", "Bauer",
                     "Weber", "Hoffmann", "Ólafsson", "van Dijk", "de Vries"],
            states: ["DE", "AT", "LI", "NL", "DK", "NO", "SE", "IS", "FI"]),
    Culture(given: ["Rajesh", "Priya", "Arjun", "Ananya", "Imran", "Ayesha", "Sanjay", "Lakshmi", "Farhan", "Nasreen",
                    "Vikram", "Deepa", "Tenzin", "Shreya"],
            family: ["Sharma", "Patel", "Singh", "Khan", "Gupta", "Chowdhury", "Perera", "Fernando", "Shrestha", "Iyer",
                     "Qureshi", "Malik", "Bhattarai", "Dorji"],
            states: ["IN", "PK", "BD", "NP", "LK", "BT", "MV", "AF"]),
    Culture(given: ["Mehmet", "Ayşe", "Ali", "Zeynep", "Emre", "Elif", "Reza", "Maryam", "Rustam", "Gulnara",
                    "Dariush", "Shirin", "Murat", "Leyla"],
            family: ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Aliyev", "Hosseini", "Karimov", "Rahimi", "Öztürk",
                     "Mammadov", "Tehrani", "Yusupov", "Arslan"],
            states: ["TR", "AZ", "IR", "TM", "UZ"]),
    Culture(given: ["Wei", "Jian", "Mei", "Hao", "Xiu", "Ming", "Ying", "Jun", "Lan", "Bo", "Hui", "Tao", "Fang", "Qiang"],
            family: ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu"],
            familyFirst: true, states: ["CN", "TW", "SG"]),
    Culture(given: ["Hiroshi", "Yuki", "Takeshi", "Akiko", "Kenji", "Haruka", "Satoshi", "Emi", "Daisuke", "Naoko",
                    "Kazuo", "Keiko", "Taro", "Yoko"],
            family: ["Tanaka", "Suzuki", "Sato", "Watanabe", "Takahashi", "Ito", "Yamamoto", "Nakamura", "Kobayashi",
                     "Kato", "Yoshida", "Yamada", "Sasaki", "Matsumoto"],
            familyFirst: true, states: ["JP"]),
    Culture(given: ["Min-jun", "Ji-woo", "Seo-yeon", "Hyun-woo", "Eun-ji", "Dong-hyun", "Soo-jin", "Jae-won", "Ha-eun",
                    "Sung-min", "Young-ho", "Mi-kyung", "Jin-ho", "Yu-na"],
            family: ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo", "Shin"],
            familyFirst: true, states: ["KR", "KP"]),
    Culture(given: ["Văn An", "Thị Lan", "Minh Tuấn", "Thị Hoa", "Văn Hùng", "Quốc Bảo", "Thanh Hương", "Đức Anh",
                    "Hữu Phước", "Ngọc Mai", "Xuân Trường", "Thu Hà", "Công Vinh", "Kim Liên"],
            family: ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"],
            familyFirst: true, states: ["VN"]),
    Culture(given: ["Kwame", "Amina", "Oluwaseun", "Chinedu", "Wanjiru", "Thabo", "Nomvula", "Kofi", "Abena", "Tendai",
                    "Chipo", "Mulugeta", "Hiwot", "Joseph"],
            family: ["Mensah", "Okafor", "Adeyemi", "Kamau", "Odhiambo", "Nkosi", "Dlamini", "Banda", "Phiri", "Mwangi",
                     "Otieno", "Boateng", "Tesfaye", "Mutasa"],
            states: ["NG", "GH", "KE", "TZ", "UG", "ZA", "ZM", "ZW", "MW", "BW", "NA", "LS", "SZ", "SL", "LR", "GM", "ET",
                     "ER", "SO", "SS", "MU"]),
    Culture(given: ["Budi", "Siti", "Ahmad", "Nurul", "Somchai", "Suda", "Aung", "Thida", "Rizal", "Dewi", "Arief",
                    "Ratna", "Bounmy", "Chai"],
            family: ["Santoso", "Wijaya", "Hidayat", "Abdullah", "Ibrahim", "Rahim", "Chaiyaporn", "Srisuk", "Tun", "Win",
                     "Reyes", "Cruz", "Bautista", "Phommavong"],
            states: ["ID", "MY", "BN", "PH", "TH", "MM", "LA"]),
    Culture(given: ["Piotr", "Katarzyna", "Tomáš", "Jana", "László", "Zsófia", "Ion", "Ioana", "Marco", "Giulia",
                    "Giorgos", "Eleni", "Luka", "Kristjan"],
            family: ["Kowalski", "Nowak", "Wiśniewski", "Novák", "Horváth", "Nagy", "Popescu", "Ionescu", "Rossi",
                     "Bianchi", "Papadopoulos", "Kovačić", "Tamm", "Kazlauskas"],
            states: ["PL", "CZ", "SK", "HU", "RO", "HR", "SI", "EE", "LV", "LT", "AL", "XK", "IT", "GR", "CY", "MT", "SM",
                     "VA", "AD", "MD", "GE", "AM", "BA", "ME", "MK"]),
]

/// The language most letters of each culture's states are written in, aligned with `cultures`.
let cultureLanguages = ["en", "ru", "ar", "km", "es", "pt", "fr", "de", "en", "tr", "zh", "ja", "ko", "vi", "en", "id", "en"]

// Organizations: region × field × body, plus a few fixed names.
let orgRegions = ["Pacific", "Atlantic", "Andean", "Sahel", "Baltic", "Danube", "Mekong", "Caribbean", "Arctic",
                  "Indian Ocean", "Nordic", "Gulf", "Central Asian", "Mediterranean", "Alpine", "Black Sea",
                  "Great Lakes", "Amazon", "Balkan", "Southern African", "West African", "East African", "Eurasian",
                  "South Atlantic", "Red Sea", "Himalayan"]
let orgFields = ["Maritime", "Trade", "Energy", "Security", "Development", "Fisheries", "Water", "Health", "Customs",
                 "Cultural", "Monetary", "Agricultural", "Telecommunications", "Migration", "Parliamentary"]
let orgBodies = ["Council", "Commission", "Forum", "Organization", "Union", "Community", "Secretariat", "Agency",
                 "Conference", "Partnership", "Initiative"]
let fixedOrganizations = ["League of Coastal States", "Organization of Island Nations", "Commonwealth of River Basin States",
                          "Assembly of Landlocked Countries", "Alliance for Polar Research"]

// Letters: vocabulary for subjects and summaries.
let domains = ["fisheries", "maritime security", "the energy transition", "public health", "higher education",
               "climate adaptation", "customs procedures", "civil aviation", "cultural heritage", "counter-terrorism",
               "water management", "digital connectivity", "agriculture", "tourism", "nuclear safety", "disaster relief",
               "trade facilitation", "consular cooperation", "migration", "debt relief", "space cooperation", "demining"]
let disasters = ["earthquake", "floods", "cyclone", "wildfires", "landslide", "drought", "volcanic eruption", "tsunami"]
let occasions = ["national day", "independence day", "new year", "anniversary of diplomatic relations", "election victory",
                 "inauguration", "constitution day"]
let languagesCumulative: [(String, Int)] = [("en", 46), ("fr", 14), ("es", 8), ("ar", 6), ("ru", 6), ("zh", 4), ("pt", 3),
                                            ("de", 2), ("km", 1), ("ja", 1), ("en-GB", 2), ("fr-CA", 1), ("zh-Hant", 1),
                                            ("vi", 1), ("tr", 1), ("id", 1)]
let publishers = ["Agence Diplomatique", "The Chancery Gazette", "Global Affairs Wire", "Phnom Penh Post Ledger",
                  "Le Courrier diplomatique", "Noticias del Mundo", "Vestnik Mezhdunarodny", "Al-Akhbar Digest"]
let newsHosts = ["news.example.org", "wire.example.net", "archive.example.com", "gazette.example.org"]
