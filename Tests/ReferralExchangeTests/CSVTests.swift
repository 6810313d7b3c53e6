import Testing
@testable import ReferralExchange

@Suite("CSV: RFC 4180 reading and writing")
struct CSVTests {
    func read(_ text: String) throws(CSVError) -> CSVTable { try CSVReader.read(Array(text.utf8)) }

    @Test func quotesEmbeddedNewlinesCRLFAndBOM() throws {
        let text = "\u{FEFF}id,name,notes\r\n1,\"Safe, space\",\"line one\r\nline two\"\r\n2,\"She said \"\"yes\"\"\",\r\n"
        let t = try read(text)
        #expect(t.header == ["id", "name", "notes"])
        #expect(t.rows.count == 2)
        #expect(t.rows[0].fields == ["1", "Safe, space", "line one\r\nline two"])
        #expect(t.rows[1].fields == ["2", "She said \"yes\"", ""])
        #expect(t.rows[0].number == 2 && t.rows[0].line == 2)
        // The quoted line break moves the next row down a line but not a row.
        #expect(t.rows[1].number == 3 && t.rows[1].line == 4)
    }

    @Test func loneLFAndCRRecordEndsAndNoFinalNewline() throws {
        #expect(try read("a,b\n1,2\n3,4").rows.map(\.fields) == [["1", "2"], ["3", "4"]])
        #expect(try read("a,b\r1,2\r3,4\r").rows.map(\.fields) == [["1", "2"], ["3", "4"]])
        #expect(try read("a,b\n1,\n").rows[0].fields == ["1", ""])
        #expect(try read("a,b\n1,").rows[0].fields == ["1", ""])
    }

    @Test func blankLinesAreSkippedButCountAsLines() throws {
        let t = try read("a,b\n\n1,2\n")
        #expect(t.rows.count == 1)
        #expect(t.rows[0].line == 3)
    }

    @Test func unicodeTextIsKept() throws {
        #expect(try read("name\n\"Women’s centre – Nord\"\n").rows[0].fields == ["Women’s centre – Nord"])
    }

    @Test(arguments: [
        ("a,b\n1,5\" wide\n", CSVError.Kind.strayQuote, 2, 2, 2),
        ("a,b\n1,\"abc\"def\n", .textAfterQuote, 2, 2, 2),
        ("a,b\n1,2\n3,\"open\nnever closed\n", .unterminatedQuote, 3, 2, 3),
        ("a,b,c\n1,2,3\n4,5\n", .fieldCount, 3, 3, 3),
        ("a,b\n1,2,3\n", .fieldCount, 2, 3, 2),
        ("a,,c\n", .header, 1, 2, 1),
        ("a,b,a\n", .header, 1, 3, 1),
        ("", .header, 1, 1, 1),
    ])
    func malformedInputIsLocated(text: String, kind: CSVError.Kind, row: Int, column: Int, line: Int) {
        do {
            _ = try read(text)
            Issue.record("no error for \(text.debugDescription)")
        } catch {
            #expect(error.kind == kind)
            #expect(error.row == row)
            #expect(error.column == column)
            #expect(error.line == line)
        }
    }

    @Test func invalidUTF8IsAnErrorAtItsField() {
        var bytes = Array("a,b\n1,".utf8)
        bytes += [0xC3, 0x28]   // a broken two-byte sequence
        bytes += Array("\n".utf8)
        do {
            _ = try CSVReader.read(bytes)
            Issue.record("no error")
        } catch {
            #expect(error.kind == .encoding)
            #expect(error.row == 2 && error.column == 2)
        }
    }

    @Test func otherDelimiters() throws {
        let t = try CSVReader.read(Array("a;b\n\"x;y\";2\n".utf8), delimiter: UInt8(ascii: ";"))
        #expect(t.rows[0].fields == ["x;y", "2"])
    }

    @Test func columnLetters() {
        #expect(CSVReader.columnLetters(1) == "A")
        #expect(CSVReader.columnLetters(26) == "Z")
        #expect(CSVReader.columnLetters(27) == "AA")
        #expect(CSVReader.columnLetters(703) == "AAA")
    }

    /// Two tables the writer once could not give back (found while writing the CSV fuzz mode): a
    /// row whose only field is empty (a blank line, which readers skip) and a first field that
    /// starts with a byte order mark (which readers drop).
    @Test func emptyOnlyFieldAndLeadingBOMReadBack() throws {
        let rows = [[""], ["x"], [""]]
        let t = try read(CSVWriter.write(header: ["a"], rows: rows))
        #expect(t.rows.map(\.fields) == rows)
        let bom = try read(CSVWriter.write(header: ["\u{FEFF}a", "b"], rows: [["1", "2"]]))
        #expect(bom.header == ["\u{FEFF}a", "b"])
    }

    /// Whatever is written reads back the same, including every character that needs quoting.
    @Test func writeThenReadIsTheIdentity() throws {
        let rows = [["1", "plain", " leading space", "comma, inside"], ["2", "quote \"x\"", "new\nline", "cr\r\nlf"],
                    ["3", "", "é ☃", "trailing "]]
        let text = CSVWriter.write(header: ["id", "a", "b", "c"], rows: rows)
        #expect(text.hasPrefix("id,a,b,c\r\n1,plain,\" leading space\",\"comma, inside\"\r\n"))
        let t = try read(text)
        #expect(t.rows.map(\.fields) == rows)
    }
}
