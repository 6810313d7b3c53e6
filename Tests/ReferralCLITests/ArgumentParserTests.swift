@testable import referral
import Testing

// `Arguments.swift` is the CLI's own parser, compiled into this target through a symbolic link
// (the test target depends on ReferralCore only), so it is tested here without a process.

let testSpec = CommandSpec(
    name: "route",
    summary: "test",
    positionals: [PositionalSpec("CASE", help: "a case"), PositionalSpec("MORE", optional: true, help: "optional")],
    options: [
        OptionSpec("pathways", value: "DIR", help: "data"),
        OptionSpec("format", value: "FORMAT", choices: ["text", "json"], help: "format"),
        OptionSpec("no-color", help: "flag"),
    ])

let requiredSpec = CommandSpec(
    name: "explain", summary: "test", positionals: [PositionalSpec("ID", help: "id")],
    options: [OptionSpec("case", value: "CASE", required: true, help: "case")])

@Suite struct ArgumentParserTests {
    @Test func positionalsOptionsAndFlags() throws {
        let p = try ArgumentParser.parse(["a.json", "--pathways", "P", "--format=json", "--no-color"], spec: testSpec)
        #expect(p.positionals == ["a.json"])
        #expect(p.value("pathways") == "P")
        #expect(p.value("format") == "json")
        #expect(p.flag("no-color"))
        #expect(!p.help)
    }

    @Test func optionsMayComeBeforePositionals() throws {
        let p = try ArgumentParser.parse(["--format", "text", "a.json", "b"], spec: testSpec)
        #expect(p.positionals == ["a.json", "b"])
        #expect(p.value("format") == "text")
    }

    @Test func dashIsStandardInputAndDoubleDashEndsOptions() throws {
        let p = try ArgumentParser.parse(["-"], spec: testSpec)
        #expect(p.positionals == ["-"])
        let q = try ArgumentParser.parse(["--", "--weird-name.json"], spec: testSpec)
        #expect(q.positionals == ["--weird-name.json"])
        #expect(q.values.isEmpty)
    }

    @Test(arguments: [["-h"], ["--help"], ["a.json", "--help"], ["--bogus", "-h"]])
    func helpWinsEverywhere(_ args: [String]) throws {
        let p = try ArgumentParser.parse(args, spec: testSpec)
        #expect(p.help)
    }

    @Test func helpAfterDoubleDashIsAPositional() throws {
        let p = try ArgumentParser.parse(["--", "-h"], spec: testSpec)
        #expect(!p.help)
        #expect(p.positionals == ["-h"])
    }

    @Test func unknownOptionSuggestsTheClosest() {
        #expect(throws: UsageError("unknown option '--formt'", help: "did you mean '--format'?")) {
            try ArgumentParser.parse(["a.json", "--formt", "json"], spec: testSpec)
        }
        #expect(throws: UsageError("unknown option '-x'", help: "see 'referral route --help'")) {
            try ArgumentParser.parse(["a.json", "-x"], spec: testSpec)
        }
    }

    @Test func badChoiceSuggestsTheClosest() {
        #expect(throws: UsageError("'jsn' is not a valid value for '--format'", help: "did you mean 'json'?")) {
            try ArgumentParser.parse(["a.json", "--format", "jsn"], spec: testSpec)
        }
        #expect(throws: UsageError("'yaml' is not a valid value for '--format'", help: "use one of: text, json")) {
            try ArgumentParser.parse(["a.json", "--format=yaml"], spec: testSpec)
        }
    }

    @Test func missingValues() {
        #expect(throws: UsageError("option '--pathways' needs a value", help: "write it as --pathways DIR")) {
            try ArgumentParser.parse(["a.json", "--pathways"], spec: testSpec)
        }
        // The next token is an option, not a value.
        #expect(throws: UsageError("option '--pathways' needs a value", help: "write it as --pathways DIR")) {
            try ArgumentParser.parse(["a.json", "--pathways", "--no-color"], spec: testSpec)
        }
        #expect(throws: UsageError("option '--pathways' needs a value", help: "write it as --pathways DIR")) {
            try ArgumentParser.parse(["a.json", "--pathways="], spec: testSpec)
        }
    }

    @Test func repeatedOptionAndValueOnAFlag() {
        #expect(throws: UsageError("option '--format' is given more than once")) {
            try ArgumentParser.parse(["a.json", "--format", "json", "--format", "text"], spec: testSpec)
        }
        #expect(throws: UsageError("option '--no-color' takes no value")) {
            try ArgumentParser.parse(["a.json", "--no-color=yes"], spec: testSpec)
        }
    }

    @Test func positionalCounts() {
        #expect(throws: UsageError("missing CASE", help: "usage: referral route CASE [MORE] [--pathways DIR] [--format text|json] [--no-color]")) {
            try ArgumentParser.parse([], spec: testSpec)
        }
        #expect(throws: UsageError("unexpected argument 'c'", help: "usage: referral route CASE [MORE] [--pathways DIR] [--format text|json] [--no-color]")) {
            try ArgumentParser.parse(["a", "b", "c"], spec: testSpec)
        }
    }

    @Test func requiredOption() throws {
        #expect(throws: UsageError("missing --case CASE", help: "usage: referral explain ID --case CASE [--no-color]")) {
            try ArgumentParser.parse(["svc"], spec: requiredSpec)
        }
        let p = try ArgumentParser.parse(["svc", "--case", "-"], spec: requiredSpec)
        #expect(p.value("case") == "-")
        #expect(p.positionals == ["svc"])
    }
}
