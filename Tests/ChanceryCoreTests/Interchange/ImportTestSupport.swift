@testable import ChanceryCore
import Foundation
import TestFiles

/// Three actors and the roles that let letters between them infer their states.
let baseRecords = [
    #"{"type":"actor","kind":"state","name":"United States","iso":"US"}"#,
    #"{"type":"actor","kind":"state","name":"Cambodia","iso":"KH"}"#,
    #"{"type":"actor","kind":"person","name":"Joe Biden","wikidata":"Q6279","aliases":["Jo Biden"]}"#,
    #"{"type":"actor","kind":"person","name":"Hun Sen"}"#,
    #"{"type":"role","holder":"Joe Biden","title":"President","of":"US","period":"2021-01-20/2025-01-20"}"#,
    #"{"type":"role","holder":"Hun Sen","title":"Prime Minister","of":"KH","period":"1985-01/2023-08"}"#,
]

/// A letter record from Biden to Hun Sen.
func letterRecord(_ ref: String, date: String = "2022-03", subject: String = "On the summit", extra: String = "") -> String {
    #"{"type":"letter","ref":"\#(ref)","from":[{"name":"Joe Biden"}],"to":[{"name":"Hun Sen"}],"date":"\#(date)","subject":"\#(subject)"\#(extra)}"#
}
