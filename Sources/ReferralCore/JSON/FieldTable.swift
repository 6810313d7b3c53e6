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
    /// Field indices by the byte length of their names, to match a key in a few comparisons.
    private let byLength: [[Int]]
    private let nameBytes: [[UInt8]]

    init(_ fields: [Field]) {
        self.fields = fields
        names = fields.map(\.name)
        nameBytes = names.map { Array($0.utf8) }
        var byLength = [[Int]](repeating: [], count: (nameBytes.map(\.count).max() ?? 0) + 1)
        for (i, b) in nameBytes.enumerated() { byLength[b.count].append(i) }
        self.byLength = byLength
    }

    /// The field named by the key token `k`, compared as `String ==` compares (a key that is
    /// plain ASCII by its bytes, any other by its text).
    func field(forKey k: Int, _ tokens: [JSONToken], _ bytes: [UInt8]) -> Int? {
        let t = tokens[k]
        guard t.isPlain else { return names.firstIndex(of: tokens.string(k, in: bytes)) }
        let from = Int(t.start) + 1
        let length = Int(t.end) - 1 - from
        guard length < byLength.count else { return nil }
        candidates: for f in byLength[length] {
            let name = nameBytes[f]
            for j in 0..<length where bytes[from + j] != name[j] { continue candidates }
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
