/// A parsed JSON value that remembers where each part of it stood in the source.
///
/// Foundation's `JSONSerialization` and `JSONDecoder` give neither line nor column, accept
/// trailing commas and keep only one of two duplicated keys, so the engine parses JSON itself:
/// strictly (RFC 8259), with byte offsets on every value and key, and with a depth limit so that
/// no input can exhaust the stack.
public struct JSONNode: Sendable {
    public indirect enum Value: Sendable {
        case null
        case bool(Bool)
        /// The number's source text, kept exact; decoders convert it on demand.
        case number(String)
        case string(String)
        case array([JSONNode])
        case object([JSONMember])
    }
    public var value: Value
    /// Byte offset of the value's first character in the source.
    public var offset: Int

    /// A short name of the JSON type, for messages ("expected a string, found an array").
    public var kindName: String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

public struct JSONMember: Sendable {
    public var key: String
    public var keyOffset: Int
    public var value: JSONNode
}

/// Whether `bytes` begin with the UTF-8 byte order mark EF BB BF.
func startsWithByteOrderMark(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
}

/// A strict JSON parser producing `JSONNode` trees with offsets, for small documents (import
/// profiles, HSDS files, tests). The loaders read tokens directly (`JSONDocument`, TapeParser.swift):
/// the same parser, the same syntax errors.
public enum JSONParser {
    /// Deeper nesting than this is refused; no pathway or case needs more than a dozen levels.
    public static let maxDepth = 128

    public struct SyntaxError: Error, Sendable {
        public var offset: Int
        public var message: String
        /// Another offset involved (the first of two duplicated field names).
        public var related: Int?
    }

    /// Parses a whole document: exactly one value, optionally surrounded by white space, after an
    /// optional UTF-8 byte order mark. With `echo` false, no message contains any text from the
    /// input (not a field name, not a character of it other than JSON punctuation).
    public static func parse(_ bytes: [UInt8], echo: Bool = true) throws(SyntaxError) -> JSONNode {
        let tokens = try TapeParser.parseDocument(bytes, echo: echo)
        return JSONNode(tokens: tokens, 0, bytes: bytes)
    }
}
