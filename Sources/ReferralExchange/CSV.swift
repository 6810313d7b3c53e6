import Foundation

/// RFC 4180 CSV, read and written by hand: fields separated by a delimiter (a comma unless the
/// profile says otherwise), records by CRLF, LF or CR; a field in double quotes may hold the
/// delimiter, line breaks and doubled quotes (`""`). A UTF-8 byte order mark at the start is
/// skipped. Whatever does not follow these rules is an error with its row and column, never a
/// guess: a stray quote in an unquoted field, text after a closing quote, a quote left open at
/// the end of the file, a row with more or fewer fields than the header, bytes that are not UTF-8.
///
/// Rows are numbered as a spreadsheet shows them: the header is row 1, the first record row 2.
/// A row may span several lines (a quoted line break), so each row also keeps its first line.
/// Columns are numbered from 1 (A = 1) and named by the header.
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [Row]

    public struct Row: Sendable {
        /// The spreadsheet row number (the header is row 1).
        public var number: Int
        /// The line of the file the row starts on.
        public var line: Int
        public var fields: [String]
    }

    /// The 1-based column of `name` in the header (exact match), if present.
    public func column(_ name: String) -> Int? { header.firstIndex(of: name).map { $0 + 1 } }
}

/// A CSV problem at a place a coordinator can find in a spreadsheet.
public struct CSVError: Error, Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// A quote inside a field that does not start with one (`5" wide`).
        case strayQuote = "csv.stray-quote"
        /// Text after the closing quote of a quoted field (`"abc"def`).
        case textAfterQuote = "csv.text-after-quote"
        /// A quoted field still open at the end of the file.
        case unterminatedQuote = "csv.unterminated-quote"
        /// A row with a different number of fields from the header.
        case fieldCount = "csv.field-count"
        /// Bytes that are not UTF-8.
        case encoding = "csv.encoding"
        /// No header row at all, or a header with an empty or repeated column name.
        case header = "csv.header"
    }
    public var kind: Kind
    public var row: Int
    public var column: Int
    public var line: Int
    public var message: String
}

public enum CSVReader {
    /// Parses `bytes` whole. Every row has exactly as many fields as the header; blank lines are
    /// skipped. Stops at the first malformed row (later rows cannot be trusted to be aligned).
    public static func read(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) throws(CSVError) -> CSVTable {
        var records: [CSVTable.Row] = []
        var header: [String]?
        var parser = Parser(bytes: bytes, delimiter: delimiter)
        while let (fields, line) = try parser.next(row: records.count + (header == nil ? 1 : 2)) {
            if fields.isEmpty { continue }   // a blank line (a quoted empty field is a field)
            guard let h = header else {
                try checkHeader(fields, line: line)
                header = fields
                continue
            }
            let number = records.count + 2
            if fields.count != h.count {
                throw CSVError(
                    kind: .fieldCount, row: number, column: min(fields.count, h.count) + 1, line: line,
                    message: "row \(number) has \(fields.count) field\(fields.count == 1 ? "" : "s"), the header has \(h.count)")
            }
            records.append(CSVTable.Row(number: number, line: line, fields: fields))
        }
        guard let header else {
            throw CSVError(kind: .header, row: 1, column: 1, line: 1, message: "the file is empty: no header row")
        }
        return CSVTable(header: header, rows: records)
    }

    static func checkHeader(_ fields: [String], line: Int) throws(CSVError) {
        var seen: [String: Int] = [:]
        for (i, f) in fields.enumerated() {
            let name = f.trimmingCharacters(in: .whitespaces)
            if name.isEmpty {
                throw CSVError(kind: .header, row: 1, column: i + 1, line: line,
                               message: "column \(columnLetters(i + 1)) of the header has no name")
            }
            if let first = seen[name] {
                throw CSVError(kind: .header, row: 1, column: i + 1, line: line,
                               message: "column '\(name)' appears twice in the header (columns \(columnLetters(first)) and \(columnLetters(i + 1)))")
            }
            seen[name] = i + 1
        }
    }

    /// Spreadsheet column letters: 1 → A, 27 → AA.
    public static func columnLetters(_ n: Int) -> String {
        var n = n
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// Splits records one at a time over the bytes, without copying them until a field is complete.
    struct Parser {
        let bytes: [UInt8]
        let delimiter: UInt8
        var i = 0
        var line = 1

        init(bytes: [UInt8], delimiter: UInt8) {
            self.bytes = bytes
            self.delimiter = delimiter
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        }

        /// The next record's fields and first line, nil at the end.
        mutating func next(row: Int) throws(CSVError) -> ([String], Int)? {
            guard i < bytes.count else { return nil }
            let startLine = line
            var fields: [String] = []
            let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
            if bytes[i] == cr || bytes[i] == lf {
                i += (bytes[i] == cr && i + 1 < bytes.count && bytes[i + 1] == lf) ? 2 : 1
                line += 1
                return ([], startLine)
            }
            while true {
                let column = fields.count + 1
                var field: String
                if i < bytes.count, bytes[i] == quote {
                    let openLine = line
                    i += 1
                    var buf: [UInt8] = []
                    var closed = false
                    while i < bytes.count {
                        let b = bytes[i]
                        if b == quote {
                            if i + 1 < bytes.count, bytes[i + 1] == quote {
                                buf.append(quote)
                                i += 2
                                continue
                            }
                            i += 1
                            closed = true
                            break
                        }
                        if b == lf || (b == cr && (i + 1 >= bytes.count || bytes[i + 1] != lf)) { line += 1 }
                        buf.append(b)
                        i += 1
                    }
                    if !closed {
                        throw CSVError(kind: .unterminatedQuote, row: row, column: column, line: openLine,
                                       message: "the quote that opens this field (line \(openLine)) is never closed")
                    }
                    if i < bytes.count, bytes[i] != delimiter, bytes[i] != cr, bytes[i] != lf {
                        throw CSVError(kind: .textAfterQuote, row: row, column: column, line: line,
                                       message: "text after the closing quote of a quoted field: quote the whole field and double any quote inside it")
                    }
                    field = try text(buf[...], row: row, column: column)
                } else {
                    let start = i
                    while i < bytes.count {
                        let b = bytes[i]
                        if b == delimiter || b == cr || b == lf { break }
                        if b == quote {
                            throw CSVError(kind: .strayQuote, row: row, column: column, line: line,
                                           message: "a quote inside a field that is not quoted: quote the whole field and double the quote (\"\")")
                        }
                        i += 1
                    }
                    field = try text(bytes[start..<i], row: row, column: column)
                }
                fields.append(field)
                if i >= bytes.count { return (fields, startLine) }
                let b = bytes[i]
                if b == delimiter {
                    i += 1
                    if i >= bytes.count { fields.append(""); return (fields, startLine) }
                    continue
                }
                // End of record: CRLF, LF or CR.
                i += (b == cr && i + 1 < bytes.count && bytes[i + 1] == lf) ? 2 : 1
                line += 1
                return (fields, startLine)
            }
        }

        func text(_ slice: ArraySlice<UInt8>, row: Int, column: Int) throws(CSVError) -> String {
            // Plain ASCII (the usual case) needs no validation.
            if slice.allSatisfy({ $0 < 0x80 }) { return String(decoding: slice, as: UTF8.self) }
            guard let s = String(validating: slice, as: UTF8.self) else {
                throw CSVError(kind: .encoding, row: row, column: column, line: line,
                               message: "this field is not UTF-8 text: save the spreadsheet as CSV UTF-8")
            }
            return s
        }
    }
}

/// Writes RFC 4180 CSV: CRLF line ends, a field quoted only when it holds a comma, a quote or a
/// line break (or starts or ends with a space, so that no reader trims it, or with a byte order
/// mark, so that no reader drops it; and a lone empty field, so that it is not a blank line).
public enum CSVWriter {
    public static func write(header: [String], rows: [[String]]) -> String {
        var out = ""
        out.reserveCapacity((rows.count + 1) * header.count * 8)
        append(header, to: &out)
        for r in rows { append(r, to: &out) }
        return out
    }

    static func append(_ fields: [String], to out: inout String) {
        // A row of one empty field would be a blank line, which readers skip: quote it.
        if fields.count == 1 && fields[0].isEmpty {
            out += "\"\"\r\n"
            return
        }
        for (i, f) in fields.enumerated() {
            if i > 0 { out += "," }
            out += field(f)
        }
        out += "\r\n"
    }

    public static func field(_ f: String) -> String {
        let needsQuotes = f.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
            || f.first == " " || f.last == " " || f.unicodeScalars.first == "\u{FEFF}"
        guard needsQuotes else { return f }
        return "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
