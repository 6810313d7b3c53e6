import Testing
@testable import ReferralCore

@Suite("Strict JSON with places")
struct JSONParserTests {
    func syntaxError(_ text: String) -> (JSONParser.SyntaxError, SourceFile)? {
        let file = SourceFile(name: "t.json", bytes: Array(text.utf8))
        do {
            _ = try JSONParser.parse(file.bytes)
            return nil
        } catch {
            return (error, file)
        }
    }

    @Test func trailingCommaIsAnErrorWithLineAndColumn() throws {
        let (e, f) = try #require(syntaxError("{\n  \"a\": [1, 2,],\n  \"b\": 1\n}"))
        #expect(e.message.contains("trailing comma"))
        let (line, col) = f.lineColumn(of: e.offset)
        #expect(line == 2)
        #expect(col == 14)
    }

    @Test func trailingCommaInObject() throws {
        let (e, f) = try #require(syntaxError("{\"a\": 1,\n}"))
        #expect(e.message.contains("trailing comma"))
        #expect(f.lineColumn(of: e.offset) == (2, 1))
    }

    @Test func duplicateKeyNamesBothPlaces() throws {
        let (e, f) = try #require(syntaxError("{\n\"id\": 1,\n\"id\": 2}"))
        #expect(e.message.contains("duplicate field 'id'"))
        #expect(f.lineColumn(of: e.offset) == (3, 1))
        #expect(f.lineColumn(of: try #require(e.related)) == (2, 1))
    }

    @Test func columnsCountCharactersNotBytes() throws {
        // "é" is two bytes in UTF-8 but one column.
        let (e, f) = try #require(syntaxError("{\"é\": tru}"))
        #expect(f.lineColumn(of: e.offset) == (1, 7))
    }

    @Test(arguments: [
        "", "{", "[1 2]", "{\"a\" 1}", "{'a': 1}", "01", "1.", "-", "\"abc", "\"\\x\"", "[1,]", "{} {}", "nul",
        "\"\u{01}\"", "\"\\ud800\"", "1e", "[", "{\"a\":}",
    ])
    func malformedInputIsRefused(_ text: String) {
        #expect(syntaxError(text) != nil, "accepted: \(text)")
    }

    /// The ends of objects and arrays share one step (`TapeParser.end`): each still says which it
    /// expected, and where.
    @Test(arguments: [
        ("{\"a\": 1", "unterminated object: expected ',' or '}'", 7),
        ("[1", "unterminated array: expected ',' or ']'", 2),
        ("{\"a\": 1]", "expected ',' or '}' after a field value but found ']'", 7),
        ("[1}", "expected ',' or ']' after an array item but found '}'", 2),
        ("{\"a\": [1, {}}", "expected ',' or ']' after an array item but found '}'", 12),
        ("[{\"a\": 1 \"b\"]", "expected ',' or '}' after a field value but found '\"'", 9),
    ])
    func endsOfObjectsAndArraysSayWhatWasExpected(_ text: String, _ message: String, _ offset: Int) throws {
        let (e, _) = try #require(syntaxError(text))
        #expect(e.message == message)
        #expect(e.offset == offset)
    }

    @Test func deepNestingIsRefusedNotACrash() throws {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let (e, _) = try #require(syntaxError(text))
        #expect(e.message.contains("nesting deeper"))
    }

    @Test func parsesValuesExactly() throws {
        let node = try JSONParser.parse(Array("\u{FEFF}{\"a\": [true, null, -1.5e3, \"x\\n\\u00e9\\ud83d\\ude00\"]}".utf8))
        guard case .object(let m) = node.value, case .array(let items) = m[0].value.value else {
            Issue.record("not an object with an array")
            return
        }
        #expect(items.count == 4)
        if case .number(let n) = items[2].value { #expect(n == "-1.5e3") } else { Issue.record("not a number") }
        if case .string(let s) = items[3].value { #expect(s == "x\né😀") } else { Issue.record("not a string") }
    }
}

@Suite("Strict decoding")
struct StrictDecoderTests {
    struct Thing: Codable {
        var name: String
        var count: Int
        var sex: Sex?
    }

    func decode(_ text: String, echo: Bool = true) -> Result<Thing, LoadFailure> {
        let file = SourceFile(name: "thing.json", bytes: Array(text.utf8))
        do {
            let node = try JSONParser.parse(file.bytes)
            return .success(try StrictDecoder(echoValues: echo).decode(Thing.self, from: node, file: file))
        } catch let e as LoadFailure {
            return .failure(e)
        } catch {
            return .failure(LoadFailure([]))
        }
    }

    func diagnostics(_ text: String, echo: Bool = true) -> [Diagnostic] {
        if case .failure(let f) = decode(text, echo: echo) { return f.diagnostics }
        return []
    }

    @Test func unknownFieldSuggestsTheClosestAndNamesThePlace() throws {
        let d = diagnostics("{\"name\": \"a\",\n \"cuont\": 1}")
        let first = try #require(d.first)
        #expect(first.code == .jsonUnknownField)
        #expect(first.place.path == "$.cuont")
        #expect(first.place.line == 2)
        #expect(first.place.column == 2)
        #expect(first.help == "did you mean 'count'?")
    }

    @Test func truncatedFieldNameSuggestsTheFullOne() {
        #expect(closestMatch(to: "referTo", in: ["referToCategories", "referToOrganisations", "share"]) == "referToCategories")
        #expect(closestMatch(to: "xyz", in: ["referToCategories"]) == nil)
    }

    @Test func missingFieldIsNamed() throws {
        let d = try #require(diagnostics("{\"name\": \"a\"}").first)
        #expect(d.code == .jsonMissingField)
        #expect(d.message.contains("'count'"))
    }

    @Test func wrongTypeNamesExpectedAndFound() throws {
        let d = try #require(diagnostics("{\"name\": 3, \"count\": 1}").first)
        #expect(d.code == .jsonWrongType)
        #expect(d.place.path == "$.name")
        #expect(d.message == "expected a string, found a number")
    }

    @Test func unknownEnumValueSuggestsAndCanHideTheValue() throws {
        let shown = try #require(diagnostics("{\"name\": \"a\", \"count\": 1, \"sex\": \"femal\"}").first)
        #expect(shown.code == .jsonUnknownValue)
        #expect(shown.message.contains("femal"))
        #expect(shown.help?.contains("did you mean 'female'") == true)
        let hidden = try #require(diagnostics("{\"name\": \"a\", \"count\": 1, \"sex\": \"femal\"}", echo: false).first)
        #expect(!hidden.message.contains("femal"))
        #expect(!hidden.rendered.contains("\"femal\""))
    }

    @Test func fractionalCountIsRefused() throws {
        let d = try #require(diagnostics("{\"name\": \"a\", \"count\": 1.5}").first)
        #expect(d.code == .jsonWrongType)
    }
}

@Suite("Syntax messages without echo")
struct JSONNoEchoTests {
    /// Input that may hold personal data: no syntax message quotes a field name, a value or a
    /// character of them; with echo (directory files) the messages stay as precise as before.
    @Test(arguments: [
        "{\"Amina Hassan\" 3}", "{\"Amina Hassan\": 3, \"Amina Hassan\": 4}", "{\"a\": \"\\qAmina\"}",
        "{\"a\": Amina}", "[1, 2 Amina]", "{\"a\": 1} Amina", "{Amina: 1}",
    ])
    func noEchoMessagesQuoteNothingFromTheInput(_ text: String) {
        do {
            _ = try JSONParser.parse(Array(text.utf8), echo: false)
            Issue.record("accepted: \(text)")
        } catch {
            #expect(!error.message.contains("Amina") && !error.message.contains("Hassan"), "\(error.message)")
            #expect(!error.message.contains("'A'") && !error.message.contains("'q'"), "\(error.message)")
        }
        #expect((try? JSONParser.parse(Array(text.utf8))) == nil, "refused only without echo: \(text)")
    }
}

/// The documented rules for a byte order mark and for `formatVersion: 1.0` (Pathways/README.md §3).
@Suite("Byte order marks and whole numbers")
struct EncodingRuleTests {
    func syntaxError(_ bytes: [UInt8]) -> (JSONParser.SyntaxError, SourceFile)? {
        let file = SourceFile(name: "t.json", bytes: bytes)
        do {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            return (error, file)
        }
    }

    @Test func aLeadingByteOrderMarkIsAcceptedAndNotCountedAsAColumn() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        #expect(syntaxError(bom + Array("{\"a\": 1}".utf8)) == nil)
        let (e, f) = try #require(syntaxError(bom + Array("{\"a\": tru}".utf8)))
        #expect(f.lineColumn(of: e.offset) == (1, 7))
        let (plain, g) = try #require(syntaxError(Array("{\"a\": tru}".utf8)))
        #expect(g.lineColumn(of: plain.offset) == (1, 7))
        // The same past `SourceFile.untabledBytes`, where places come from the block table.
        let pad = String(repeating: " ", count: SourceFile.untabledBytes)
        let (long, h) = try #require(syntaxError(bom + Array("{\"a\": \(pad)tru}".utf8)))
        #expect(h.lineColumn(of: long.offset) == (1, 7 + pad.count))
    }

    @Test func aByteOrderMarkElsewhereOrUTF16IsRefusedByName() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let (inside, _) = try #require(syntaxError(Array("{\"a\": 1,".utf8) + bom + Array("\"b\": 2}".utf8)))
        #expect(inside.message.contains("byte order mark"))
        let (twice, _) = try #require(syntaxError(bom + bom + Array("{}".utf8)))
        #expect(twice.message.contains("byte order mark"))
        let (utf16, _) = try #require(syntaxError([0xFF, 0xFE] + Array("{}".utf8)))
        #expect(utf16.message.contains("UTF-16"))
    }

    @Test func formatVersionMayBeWrittenWithAZeroFraction() throws {
        let f = try FixtureCopy()
        defer { f.remove() }
        try f.edit("services.json") { $0.replacingOccurrences(of: "\"formatVersion\": 1", with: "\"formatVersion\": 1.0") }
        try f.edit("context.json") { $0.replacingOccurrences(of: "\"formatVersion\": 1", with: "\"formatVersion\": 1e0") }
        #expect(f.load().diagnostics.isEmpty)
        try f.edit("organisations.json") { $0.replacingOccurrences(of: "\"formatVersion\": 1", with: "\"formatVersion\": 1.5") }
        let e = try #require(f.load().errors.first)
        #expect(e.code == .jsonWrongType)
        #expect(e.place.path == "$.formatVersion")
    }
}
