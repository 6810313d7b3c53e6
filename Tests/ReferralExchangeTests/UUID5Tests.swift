import Testing
@testable import ReferralExchange

@Suite("SHA-1 and UUID v5")
struct UUID5Tests {
    func hex(_ b: [UInt8]) -> String { b.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined() }

    /// FIPS 180-4 examples, the one-million-'a' vector, and lengths around the padding boundary.
    @Test(arguments: [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "a49b2446a02c645bf419f995b67091253a04a259"),
        (String(repeating: "x", count: 55), "cef734ba81a024479e09eb5a75b6ddae62e6abf1"),
        (String(repeating: "x", count: 56), "901305367c259952f4e7af8323f480d59f81335b"),
        (String(repeating: "x", count: 64), "bb2fa3ee7afb9f54c6dfb5d021f14b1ffe40c163"),
        ("é☃", "9c81504d7acef9bccc3cac23360a22ab9b7d587b"),
    ])
    func sha1Vectors(input: String, expected: String) {
        #expect(hex(SHA1.digest(Array(input.utf8))) == expected)
    }

    @Test func sha1OfAMillionAs() {
        #expect(hex(SHA1.digest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)))
            == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    /// The RFC 9562 namespaces, and values computed independently (Python's uuid.uuid5).
    @Test func uuid5Vectors() {
        #expect(UUID5(namespace: .dnsNamespace, name: "www.example.com").description == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
        #expect(UUID5(namespace: .urlNamespace, name: "https://referral-router.example/hsds").description
            == "1cc5b20c-5d6c-56b5-a236-4f9705197b7e")
    }

    @Test func parsingRoundTripsAndRejectsMalformed() {
        let u = UUID5(namespace: .dnsNamespace, name: "a")
        #expect(UUID5(parsing: u.description) == u)
        #expect(UUID5(parsing: u.description.uppercased()) == u)
        #expect(UUID5(parsing: "not-a-uuid") == nil)
        #expect(UUID5(parsing: "2ed6657d-e927-568b-95e1-2665a8aea6ag") == nil)
    }
}
