public import ChanceryModel
/// The file formats a network is written in.
public enum NetworkFormat: String, Sendable, CaseIterable {
    /// Graphviz DOT, for `dot -Tsvg`.
    case dot
    /// GEXF 1.3, for Gephi.
    case gexf

    /// Writes a network.
    public func write(_ network: CorrespondenceNetwork) -> String {
        switch self {
        case .dot: return DOTWriter().write(network)
        case .gexf: return GEXFWriter().write(network)
        }
    }
}
