/// The fields of a document decoded by hand (`TokenReader.object`): each with its JSON name,
/// whether it is required, and one line that decodes its value into the document.
///
/// To add a field to `ServiceDocument`, `OrganisationDocument`, `CaseDocument` or one of their
/// parts: declare the property, then add one line to the type's table, in the same position as
/// the property (fields are decoded in this order, as `Codable` does):
///
///     .optional("website") { $0.website = try $1.string($2) },
///
/// `$0` is the document, `$1` the reader, `$2` the value's token: use `string`, `bool`, `int`,
/// `double`, `value` (a `FieldEnum`), `strings`, `values`, `array`, `object` (a nested
/// `FieldDecodable` type). A required (non-optional) property also needs a placeholder in the
/// type's `blank`. `FieldTableTests` fails until the table and the properties agree, and the
/// differential test then checks the line against the generic decoder.
struct FieldTable<D>: Sendable {
    /// The field's line: `$0` the document, `$1` the reader, `$2` the value's token. (Untyped
    /// throws, so that the one-line closures need no signature; the reader throws only `Stop`.)
    typealias Decode = @Sendable (inout D, inout TokenReader, Int) throws -> Void

    struct Field: Sendable {
        let name: String
        let isRequired: Bool
        let decode: Decode

        static func required(_ name: String, _ decode: @escaping Decode) -> Field {
            Field(name: name, isRequired: true, decode: decode)
        }

        static func optional(_ name: String, _ decode: @escaping Decode) -> Field {
            Field(name: name, isRequired: false, decode: decode)
        }
    }

    let fields: [Field]
    /// The names, in order (for "did you mean …?").
    let names: [String]
    /// Field indices ordered by the byte length of their names, and where each length starts in
    /// that order: a key is compared only with the names of its length (flat arrays: no nested
    /// array to retain per look-up).
    private let byLength: [Int]
    private let lengthStart: [Int]
    /// Every name's bytes, one after the other, and where each starts.
    private let nameStore: [UInt8]
    private let nameStart: [Int]
    /// `TapeParser.keyHash` of each name: a key token carries the same hash of its bytes.
    private let nameHashes: [UInt32]

    init(_ fields: [Field]) {
        self.fields = fields
        names = fields.map(\.name)
        let bytes = names.map { Array($0.utf8) }
        nameHashes = bytes.map { $0.withUnsafeBytes { TapeParser.keyHash($0) } }
        nameStore = bytes.flatMap { $0 }
        nameStart = bytes.indices.map { i in bytes[..<i].reduce(0) { $0 + $1.count } }
        let longest = bytes.map(\.count).max() ?? 0
        byLength = bytes.indices.sorted { (bytes[$0].count, $0) < (bytes[$1].count, $1) }
        lengthStart = (0...(longest + 1)).map { n in bytes.filter { $0.count < n }.count }
    }

    /// The field named by the key token `k`, compared as `String ==` compares (a key that is
    /// plain ASCII by its bytes, any other by its text).
    func field(forKey k: Int, _ tokens: [JSONToken], _ bytes: [UInt8]) -> Int? {
        let t = tokens[k]
        guard t.isPlain else { return names.firstIndex(of: tokens.string(k, in: bytes)) }
        let from = Int(t.start) + 1
        let length = Int(t.end) - 1 - from
        guard length + 1 < lengthStart.count else { return nil }
        candidates: for n in lengthStart[length]..<lengthStart[length + 1] where nameHashes[byLength[n]] == t.aux {
            let f = byLength[n], at = nameStart[f]
            for j in 0..<length where bytes[from + j] != nameStore[at + j] { continue candidates }
            return f
        }
        return nil
    }
}

/// A document type decoded by hand from tokens.
protocol FieldDecodable {
    /// Every field of the type, in declaration order.
    static var table: FieldTable<Self> { get }
    /// A value to fill in: placeholders for the required fields, nil for the others.
    static var blank: Self { get }
}
