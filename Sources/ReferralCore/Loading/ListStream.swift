/// Reads a list file, `{ "formatVersion": 1, "<key>": [ … ] }` (organisations.json,
/// services.json), one element at a time: each element is parsed into a reused token buffer,
/// decoded, handed to the builder and dropped, so loading 100,000 services never holds more than
/// one element's tokens (and the file's bytes).
///
/// The findings are those of reading the whole file first: a syntax error anywhere, or an
/// envelope that is not usable (no or a wrong `formatVersion`, no list), means nothing of the
/// file is used. The stream cannot know that before its end, so the caller keeps a copy of its
/// state before building from the stream and goes back to it when `ListReading.usable` is false
/// at the end (`DirectoryBuilder.buildFromList`).
final class ListReading {
    let file: SourceFile
    let key: String
    /// Findings about the envelope (unknown fields, formatVersion, the list's presence and type).
    var envelope: [Diagnostic] = []
    /// Findings from decoding the elements, capped per kind.
    var elements: [Diagnostic] = []
    var cap = DiagnosticCap()
    var syntaxError: JSONParser.SyntaxError?
    /// The parsed `formatVersion` value and the list's kind, for the checks at the end.
    var version: (doc: JSONDocument, offset: Int)?
    var listKind: JSONToken.Kind?
    var listOffset = 0
    var rootOffset = 0
    var rootIsObject = true
    /// Whether the stream reached the end of the file.
    var finished = false
    /// The hand-written decoder's scratch space, kept from one element to the next.
    var spareSteps: [TokenReader.Step] = []
    var spareSlots: [Int32] = []

    init(file: SourceFile, key: String) {
        self.file = file
        self.key = key
    }

    /// True when the file was read to its end and its envelope is right: its elements count.
    var usable: Bool { finished && syntaxError == nil && envelopeProblems().isEmpty }

    /// The envelope's findings besides unknown fields, in the order the whole-file reader gave them.
    func envelopeProblems() -> [Diagnostic] {
        let root = file.place("$", offset: rootOffset)
        guard rootIsObject else {
            return [Diagnostic(.error, code: .jsonWrongType, place: root, message: "expected an object with formatVersion and \(key)")]
        }
        guard let version else {
            return [Diagnostic(.error, code: .jsonMissingField, place: root, message: "missing required field 'formatVersion'")]
        }
        let number: Int
        do {
            number = try StrictDecoder().decode(Int.self, in: version.doc, at: 0, path: "$.formatVersion")
        } catch {
            return error.diagnostics
        }
        if number != supportedFormatVersion {
            return [Diagnostic(.error, code: .formatVersion, place: file.place("$.formatVersion", offset: version.offset),
                               message: "format version \(number) is not supported",
                               help: "this engine reads formatVersion \(supportedFormatVersion)")]
        }
        guard let listKind else {
            return [Diagnostic(.error, code: .jsonMissingField, place: root, message: "missing required field '\(key)'")]
        }
        if listKind != .array {
            let found = JSONToken(kind: listKind, escaped: false, nonASCII: false, start: 0, end: 0, next: 0, aux: 0).kindName
            return [Diagnostic(.error, code: .jsonWrongType, place: file.place("$." + key, offset: listOffset),
                               message: "expected an array, found \(found)")]
        }
        return []
    }
}

/// The elements of a list file as a sequence of decoded documents with their locators; see
/// `ListReading` for what the caller must check once the sequence is exhausted.
struct ListStream<T>: Sequence, IteratorProtocol {
    /// Decodes one element from its tokens (token 0 is the element); nil when it cannot be used,
    /// after adding its findings to the reading.
    typealias Decode = (_ tokens: [JSONToken], _ file: SourceFile, _ path: String, _ reading: ListReading) -> T?

    let reading: ListReading
    let decode: Decode
    private var state = State()

    private struct State {
        var i = 0
        var depth = 0
        var keys: [TapeParser.KeyRef] = []
        var envelope = TapeParser.KeyFrame(base: 0)
        var tokens: [JSONToken] = []
        var phase = Phase.start
        var index = 0
    }

    private enum Phase {
        case start, members, items, done
    }

    init(_ reading: ListReading, decode: @escaping Decode) {
        self.reading = reading
        self.decode = decode
    }

    mutating func next() -> (T, Locator)? {
        while true {
            guard state.phase != .done else { return nil }
            do {
                if let element = try step() { return element }
            } catch {
                reading.syntaxError = error
                state.phase = .done
                return nil
            }
        }
    }

    /// Advances the reader by one element (returned) or one envelope member (nil).
    private mutating func step() throws(JSONParser.SyntaxError) -> (T, Locator)? {
        let bytes = reading.file.bytes
        return try bytes.withUnsafeBufferPointer { (buf) throws(JSONParser.SyntaxError) -> (T, Locator)? in
            // The parser takes the buffers over (swapped, not copied: one owner, no copy on write).
            var p = TapeParser(buf, at: state.i, depth: state.depth)
            swap(&p.keys, &state.keys)
            swap(&p.tokens, &state.tokens)
            defer {
                state.i = p.i
                state.depth = p.depth
                swap(&p.keys, &state.keys)
                swap(&p.tokens, &state.tokens)
            }
            switch state.phase {
            case .start:
                try p.documentStart()
                reading.rootOffset = p.i
                guard p.i < buf.count, buf[p.i] == UInt8(ascii: "{") else {
                    // Not an envelope: still read it all for syntax, then say what it should be.
                    reading.rootIsObject = false
                    if p.i < buf.count, buf[p.i] == UInt8(ascii: "[") {
                        // A bare list (a common mistake): item by item, in bounded memory.
                        if try !p.openArray() {
                            repeat {
                                try p.beforeItem()
                                p.tokens.removeAll(keepingCapacity: true)
                                try p.value()
                            } while try !p.endItem()
                        }
                    } else {
                        try p.value()
                    }
                    p.tokens.removeAll(keepingCapacity: true)
                    try p.documentEnd()
                    finish()
                    return nil
                }
                if try p.openObject() {
                    try p.documentEnd()
                    finish()
                } else {
                    state.phase = .members
                }
                return nil
            case .members:
                let key = try p.memberKey(&state.envelope)
                let name = JSONTokenText.string(buf, start: key.start, end: key.end, escaped: key.escaped)
                if name == reading.key {
                    reading.listOffset = p.i
                    if p.i < buf.count, buf[p.i] == UInt8(ascii: "[") {
                        reading.listKind = .array
                        state.index = 0
                        if try p.openArray() { try endMember(&p) } else { state.phase = .items }
                        return nil
                    }
                }
                let valueStart = p.i
                p.tokens.removeAll(keepingCapacity: true)
                try p.value()
                if name == reading.key {
                    reading.listKind = p.tokens[0].kind
                } else if name == "formatVersion" {
                    reading.version = (JSONDocument(file: reading.file, tokens: p.tokens), valueStart)
                } else {
                    let near = closestMatch(to: name, in: ["formatVersion", reading.key])
                    reading.envelope.append(Diagnostic(
                        .error, code: .jsonUnknownField, place: reading.file.place("$" + pathComponent(name), offset: key.start),
                        message: "unknown field '\(name)'", help: near.map { "did you mean '\($0)'?" }))
                }
                p.tokens.removeAll(keepingCapacity: true)
                try endMember(&p)
                return nil
            case .items:
                try p.beforeItem()
                let start = p.i
                p.tokens.removeAll(keepingCapacity: true)
                try p.value()
                let path = "$." + reading.key + "[\(state.index)]"
                let decoded = decode(p.tokens, reading.file, path, reading)
                state.index += 1
                if try p.endItem() {
                    try endMember(&p)
                }
                return decoded.map { ($0, Locator(file: reading.file, offset: start, path: path)) }
            case .done:
                return nil
            }
        }
    }

    /// After the value of an envelope member: the next member, or the end of the file.
    private mutating func endMember(_ p: inout TapeParser) throws(JSONParser.SyntaxError) {
        if try p.endMember() {
            try p.documentEnd()
            finish()
        } else {
            state.phase = .members
        }
    }

    private mutating func finish() {
        state.phase = .done
        reading.finished = true
    }
}

/// String text straight from source bytes (for the streaming reader, which has no token list).
enum JSONTokenText {
    static func string(_ b: UnsafeBufferPointer<UInt8>, start: Int, end: Int, escaped: Bool) -> String {
        let r = (start + 1)..<(end - 1)
        if !escaped { return String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self) }
        return String(decoding: unescape(Array(b[r]), 0..<r.count), as: UTF8.self)
    }
}
