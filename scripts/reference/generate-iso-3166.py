#!/usr/bin/env python3
"""Writes Data/reference/iso-3166-1.jsonl and iso-3166-3.jsonl from Debian's iso-codes package:
its JSON files (/usr/share/iso-codes/json) and translation catalogs (iso_3166-1.mo and
iso_3166-3.mo under /usr/share/locale). Run it after iso-codes is upgraded and commit the result;
Chancery embeds the files, so a machine without iso-codes still has them.

One JSON object per line: the codes, the English names, and every translation as
[language, name] pairs (the catalog's locale name as a BCP 47 tag: pt_BR -> pt-BR), without the
ones equal to an English name.
"""
import gettext
import glob
import json
import os
import sys

ISO_CODES = "/usr/share/iso-codes/json"
LOCALES = "/usr/share/locale"


def catalogs(domain):
    found = []
    for path in sorted(glob.glob(f"{LOCALES}/*/LC_MESSAGES/{domain}.mo")):
        locale = path.split("/")[-3]
        if "@" in locale:  # script variants such as sr@latin: name the script as BCP 47 does
            base, variant = locale.split("@", 1)
            script = {"latin": "Latn", "cyrillic": "Cyrl"}.get(variant)
            if not script:
                continue
            tag = f"{base}-{script}"
        else:
            tag = locale.replace("_", "-")
        with open(path, "rb") as handle:
            found.append((tag, gettext.GNUTranslations(handle)))
    # A spelling shared by several languages is recorded once, under the most widely used of them
    # ("Kambodscha" as German, not as the first language in alphabetical order that writes it so).
    first = ["fr", "de", "es", "ru", "zh-CN", "ar", "pt", "ja", "it", "nl", "pl", "tr", "ko", "id", "vi", "th", "km", "hi", "fa"]
    found.sort(key=lambda item: (first.index(item[0]) if item[0] in first else len(first), item[0]))
    return found


def translations(english, catalogs):
    seen = set(english)
    names = []
    for tag, catalog in catalogs:
        for text in english:
            translated = catalog.gettext(text).strip()
            if translated and translated not in seen:
                seen.add(translated)
                names.append([tag, translated])
    return names


def main(out_dir):
    version = os.popen("dpkg-query -W -f='${Version}' iso-codes").read()
    current = json.load(open(f"{ISO_CODES}/iso_3166-1.json"))["3166-1"]
    former = json.load(open(f"{ISO_CODES}/iso_3166-3.json"))["3166-3"]
    with open(os.path.join(out_dir, "iso-3166-1.jsonl"), "w", encoding="utf-8") as out:
        out.write(json.dumps({"source": "Debian iso-codes " + version + " (ISO 3166-1, with its translations)"}, ensure_ascii=False) + "\n")
        cats = catalogs("iso_3166-1")
        for entry in sorted(current, key=lambda e: e["alpha_2"]):
            english = [entry[k] for k in ("name", "official_name", "common_name") if k in entry]
            record = {"code": entry["alpha_2"], "alpha3": entry["alpha_3"], "numeric": entry["numeric"], "name": entry["name"]}
            for key, field in (("official_name", "officialName"), ("common_name", "commonName")):
                if key in entry:
                    record[field] = entry[key]
            record["names"] = translations(english, cats)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    with open(os.path.join(out_dir, "iso-3166-3.jsonl"), "w", encoding="utf-8") as out:
        out.write(json.dumps({"source": "Debian iso-codes " + version + " (ISO 3166-3, with its translations)"}, ensure_ascii=False) + "\n")
        cats = catalogs("iso_3166-3")
        for entry in sorted(former, key=lambda e: e["alpha_4"]):
            record = {"alpha4": entry["alpha_4"], "code": entry["alpha_2"], "alpha3": entry["alpha_3"], "name": entry["name"],
                      "withdrawn": entry["withdrawal_date"]}
            if "comment" in entry:
                record["comment"] = entry["comment"]
            record["names"] = translations([entry["name"]], cats)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "Data", "reference"))
