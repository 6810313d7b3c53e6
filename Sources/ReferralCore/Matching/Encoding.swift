import Foundation

/// Deterministic JSON for anything the engine returns: sorted keys, two-space indentation, a
/// final newline. The same value always gives the same bytes.
///
/// A `RoutePlan` is written directly (PlanJSON.swift): the same bytes as `JSONEncoder`, in a
/// fraction of the time (PlanJSONTests compares the two).
public func canonicalJSON<T: Encodable>(_ value: T) -> Data {
    if let plan = value as? RoutePlan { return plan.json() }
    return encodedJSON(value)
}

/// A plan's canonical JSON, written directly.
public func canonicalJSON(_ plan: RoutePlan) -> Data { plan.json() }

/// `JSONEncoder` with the canonical options: every type but the plan, and the reference the plan's
/// direct writer is tested against.
func encodedJSON<T: Encodable>(_ value: T) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    // Every type the engine encodes is plain data; encoding cannot fail for them.
    var data = (try? encoder.encode(value)) ?? Data("null".utf8)
    data.append(0x0A)
    return data
}
