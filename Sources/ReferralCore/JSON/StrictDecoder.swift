/// Decodes `Decodable` types from parsed JSON strictly, with located errors.
///
/// Strict means: a field the type does not know is an error (with "did you mean …?"), a missing
/// required field is an error naming the object it is missing from, and a wrong type names what
/// was expected and what was found. Every error carries file, JSON path, line and column.
///
/// When `echoValues` is false (case files), no value from the input ever appears in a message:
/// a case may carry personal data by mistake, and error output must not repeat it.
public struct StrictDecoder: Sendable {
    public var echoValues: Bool

    public init(echoValues: Bool = true) { self.echoValues = echoValues }

    /// Decodes `T` from `node`, which sits at `path` (`$` or, for an element decoded on its own,
    /// something like `$.services[3]`) in `file`. `node` must come from `JSONParser.parse` of
    /// `file.bytes` (its offset is where the value is read from).
    public func decode<T: Decodable>(_ type: T.Type, from node: JSONNode, file: SourceFile, path: String = "$")
        throws(LoadFailure) -> T
    {
        guard let doc = JSONDocument.parseValue(file, at: node.offset) else {
            throw LoadFailure([Diagnostic(.error, code: .jsonDecode, place: file.place(path, offset: node.offset),
                                          message: "could not read this value")])
        }
        return try decode(type, in: doc, at: 0, path: path)
    }

    /// Decodes `T` from the value at token `index` of `doc`, which sits at `path` in the file.
    /// The hot documents (services, organisations, cases: `FieldDecodable`) are decoded by hand
    /// (TokenReader.swift), with the same findings.
    func decode<T: Decodable>(_ type: T.Type, in doc: JSONDocument, at index: Int, path: String = "$")
        throws(LoadFailure) -> T
    {
        if let hand = T.self as? any FieldDecodable.Type {
            var r = TokenReader(tokens: doc.tokens, file: doc.file, path: .text(path), echo: echoValues, capLimit: .max)
            do {
                return try r.object(index, hand) as! T  // the same type: `hand` is `T.self`
            } catch {
                throw LoadFailure(r.findings)
            }
        }
        return try decodeGeneric(type, in: doc, at: index, path: path)
    }

    /// Decodes `T` through `Codable`; with `byHand` false, its parts too (the reference for the
    /// hand-written decoders).
    func decodeGeneric<T: Decodable>(_ type: T.Type, in doc: JSONDocument, at index: Int, path: String = "$",
                                     byHand: Bool = true) throws(LoadFailure) -> T
    {
        let context = DecodingContext(doc: doc, echoValues: echoValues, byHand: byHand)
        let d = NodeDecoder(index: index, path: path, context: context)
        do {
            let value = try T(from: d)
            try d.checkUnknownKeys()
            return value
        } catch let issue as DecodeIssue {
            throw LoadFailure(issue.diagnostics)
        } catch let error as DecodingError {
            throw LoadFailure([context.diagnostic(for: error, root: index, rootPath: path)])
        } catch {
            throw LoadFailure([
                Diagnostic(.error, code: .jsonDecode, place: doc.file.place(path, offset: doc.start(index)),
                           message: "could not read this value")
            ])
        }
    }
}

/// An error with its diagnostics already located; thrown through `init(from:)` implementations.
struct DecodeIssue: Error {
    var diagnostics: [Diagnostic]
}

/// A value that can say where it is being decoded: types with custom validation use it to
/// report errors at the exact place (see `FieldEnum`).
protocol LocatingDecoder: Decoder {
    var jsonPath: String { get }
    var place: SourcePlace { get }
    var echoValues: Bool { get }
}

final class DecodingContext: @unchecked Sendable {
    let doc: JSONDocument
    let echoValues: Bool
    /// Parts with a field table are decoded by hand (false only for the differential tests).
    let byHand: Bool
    var file: SourceFile { doc.file }
    var tokens: [JSONToken] { doc.tokens }
    init(doc: JSONDocument, echoValues: Bool, byHand: Bool = true) {
        self.doc = doc
        self.echoValues = echoValues
        self.byHand = byHand
    }

    func diagnostic(for error: DecodingError, root: Int, rootPath: String) -> Diagnostic {
        func place(_ codingPath: [CodingKey]) -> SourcePlace {
            var node = root
            var path = rootPath
            let t = doc.tokens
            for key in codingPath {
                if let idx = key.intValue, t[node].kind == .array, idx < Int(t[node].aux) {
                    node = t.items(of: node)[idx]
                    path += "[\(idx)]"
                } else if t[node].kind == .object, let m = t.member(key.stringValue, of: node, in: file.bytes) {
                    node = m
                    path += pathComponent(key.stringValue)
                } else {
                    path += key.intValue.map { "[\($0)]" } ?? pathComponent(key.stringValue)
                }
            }
            return file.place(path, offset: doc.start(node))
        }
        switch error {
        case .dataCorrupted(let c):
            return Diagnostic(.error, code: .jsonInvalidValue, place: place(c.codingPath),
                              message: c.debugDescription)
        case .keyNotFound(let key, let c):
            return Diagnostic(.error, code: .jsonMissingField, place: place(c.codingPath),
                              message: "missing required field '\(key.stringValue)'")
        case .typeMismatch(_, let c), .valueNotFound(_, let c):
            return Diagnostic(.error, code: .jsonWrongType, place: place(c.codingPath),
                              message: c.debugDescription)
        @unknown default:
            return Diagnostic(.error, code: .jsonDecode, place: place([]), message: "could not read this value")
        }
    }
}

/// `.name` for plain keys, `["odd key"]` otherwise, so paths stay unambiguous.
func pathComponent(_ key: String) -> String {
    let plain = !key.isEmpty && key.unicodeScalars.allSatisfy {
        ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_" || $0 == "-"
    }
    if plain { return "." + key }
    let escaped = key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    return "[\"\(escaped)\"]"
}

struct IndexKey: CodingKey {
    var stringValue: String { "\(intValue!)" }
    var intValue: Int?
    init(_ i: Int) { intValue = i }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

final class NodeDecoder: LocatingDecoder {
    /// Where a node sits relative to its parent decoder.
    enum Step {
        case root(String)
        case key(String)
        case index(Int)
    }

    /// The token of the value decoded.
    let index: Int
    let context: DecodingContext
    /// The decoder of the enclosing value; paths are built from it only when a message needs one
    /// (building every value's path eagerly was a fifth of the time to load a directory).
    private let parent: NodeDecoder?
    private let step: Step
    /// Appended to the parent's coding path; nil: the same coding path as the parent.
    private let codingKey: CodingKey?
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// Field names the type asked for through a keyed container; anything else is unknown.
    var requestedKeys: Set<String>?

    init(index: Int, path: String, context: DecodingContext) {
        self.index = index
        self.context = context
        self.parent = nil
        self.step = .root(path)
        self.codingKey = nil
    }

    init(index: Int, parent: NodeDecoder, step: Step, codingKey: CodingKey?) {
        self.index = index
        self.context = parent.context
        self.parent = parent
        self.step = step
        self.codingKey = codingKey
    }

    var jsonPath: String {
        switch step {
        case .root(let path): return path
        case .key(let key): return (parent?.jsonPath ?? "$") + pathComponent(key)
        case .index(let i): return (parent?.jsonPath ?? "$") + "[\(i)]"
        }
    }

    var codingPath: [CodingKey] {
        guard let parent else { return [] }
        guard let codingKey else { return parent.codingPath }
        return parent.codingPath + [codingKey]
    }

    var token: JSONToken { context.doc.tokens[index] }
    var place: SourcePlace { context.file.place(jsonPath, offset: Int(token.start)) }
    var echoValues: Bool { context.echoValues }

    func issue(_ code: Diagnostic.Code, _ message: String, help: String? = nil) -> DecodeIssue {
        DecodeIssue(diagnostics: [Diagnostic(.error, code: code, place: place, message: message, help: help)])
    }

    func typeIssue(expected: String) -> DecodeIssue {
        issue(.jsonWrongType, "expected \(expected), found \(token.kindName)")
    }

    /// After a type's `init(from:)` returns: report every field it did not ask for.
    func checkUnknownKeys() throws {
        guard let requested = requestedKeys, token.kind == .object else { return }
        var diags: [Diagnostic] = []
        let t = context.tokens, bytes = context.file.bytes
        for m in t.members(of: index) {
            let key = t.string(m.key, in: bytes)
            if requested.contains(key) { continue }
            let name = context.echoValues || key.count <= 40 ? key : String(key.prefix(40)) + "…"
            var help = "remove it, or check the spelling against the format documentation"
            if let near = closestMatch(to: key, in: requested) { help = "did you mean '\(near)'?" }
            diags.append(Diagnostic(
                .error, code: .jsonUnknownField,
                place: context.file.place(jsonPath + pathComponent(key), offset: Int(t[m.key].start)),
                message: "unknown field '\(name)'", help: help))
        }
        if !diags.isEmpty { throw DecodeIssue(diagnostics: diags) }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard token.kind == .object else { throw typeIssue(expected: "an object") }
        if requestedKeys == nil { requestedKeys = [] }
        return KeyedDecodingContainer(KeyedNodeContainer<Key>(decoder: self, members: context.tokens.members(of: index)))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        guard token.kind == .array else { throw typeIssue(expected: "an array") }
        return UnkeyedNodeContainer(decoder: self, items: context.tokens.items(of: index))
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer { SingleNodeContainer(decoder: self) }

    /// Decodes a child node, then checks it for unknown fields.
    func decodeChild<T: Decodable>(_ type: T.Type, index: Int, step: Step, key: CodingKey) throws -> T {
        let child = NodeDecoder(index: index, parent: self, step: step, codingKey: key)
        if context.byHand, let hand = T.self as? any FieldDecodable.Type {
            // A type with a field table (an area of context.json, say): decoded by hand, same findings.
            var r = TokenReader(tokens: context.tokens, file: context.file, path: .decoder(child), echo: context.echoValues,
                                capLimit: .max)
            do throws(TokenReader.Stop) {
                return try r.object(index, hand) as! T  // the same type: `hand` is `T.self`
            } catch {
                throw DecodeIssue(diagnostics: r.findings)
            }
        }
        let v = try T(from: child)
        try child.checkUnknownKeys()
        return v
    }

    // MARK: scalars

    func decodeString() throws -> String {
        guard token.kind == .string else { throw typeIssue(expected: "a string") }
        return context.tokens.string(index, in: context.file.bytes)
    }

    func decodeBool() throws -> Bool {
        switch token.kind {
        case .true: return true
        case .false: return false
        default: throw typeIssue(expected: "true or false")
        }
    }

    var numberText: String? {
        token.kind == .number ? context.tokens.numberText(index, in: context.file.bytes) : nil
    }

    func decodeDouble() throws -> Double {
        guard let text = numberText, let v = Double(text), v.isFinite else {
            throw typeIssue(expected: "a number")
        }
        return v
    }

    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard let text = numberText else { throw typeIssue(expected: "a whole number") }
        if let v = T(text) { return v }
        if let d = Double(text), d.rounded() == d, let v = T(exactly: d) { return v }
        throw issue(.jsonWrongType, echoValues ? "expected a whole number in range, found \(text)"
                                                  : "expected a whole number in range")
    }
}

/// A closed vocabulary decoded from a string, with "did you mean …?" for near misses.
///
/// Every enumerated field of the formats uses it, so a typo such as `"femal"` is caught at the
/// right place rather than silently ignored.
public protocol FieldEnum: RawRepresentable, CaseIterable, Codable, Hashable, Sendable where RawValue == String {
    /// How the field is named in messages ("unknown sex", "unknown weekday").
    static var fieldName: String { get }
}

extension FieldEnum {
    public init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        if let v = Self(rawValue: raw) {
            self = v
            return
        }
        let allowed = Self.allCases.map(\.rawValue)
        guard let d = decoder as? LocatingDecoder else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "unknown \(Self.fieldName)"))
        }
        var help = "use one of: " + allowed.joined(separator: ", ")
        if let near = closestMatch(to: raw, in: allowed) { help = "did you mean '\(near)'? " + help }
        let shown = d.echoValues ? " '\(raw)'" : ""
        throw DecodeIssue(diagnostics: [Diagnostic(.error, code: .jsonUnknownValue, place: d.place,
                                                   message: "unknown \(Self.fieldName)\(shown)", help: help)])
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// Throws a located error from inside a custom `init(from:)`.
func decodeFailure(_ decoder: Decoder, code: Diagnostic.Code, _ message: String, help: String? = nil) -> Error {
    if let d = decoder as? LocatingDecoder {
        return DecodeIssue(diagnostics: [Diagnostic(.error, code: code, place: d.place, message: message, help: help)])
    }
    return DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: message))
}
