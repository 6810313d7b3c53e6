import Foundation

/// Deterministic JSON for anything the engine returns: sorted keys, two-space indentation, a
/// final newline. The same value always gives the same bytes.
public func canonicalJSON<T: Encodable>(_ value: T) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    // Every type the engine encodes is plain data; encoding cannot fail for them.
    var data = (try? encoder.encode(value)) ?? Data("null".utf8)
    data.append(0x0A)
    return data
}
