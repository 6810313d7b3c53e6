/// `route --allow-partial`: a coordinator's typo in one pathway file should not stop every hotline
/// operator. A directory loaded leniently may be used for a case when none of its errors can
/// change that case's plan; the plan then says so in a critical warning (rule `data.partial`).
public enum PartialDirectory {
    /// The errors of a lenient `load` that could touch a case with these `concerns`, routed as
    /// `plan`. An error touches the case unless it lies in a pathway file whose pathway the plan
    /// does not use and that cannot apply to the case (its `appliesWhen` requires a concern the
    /// case does not have). Errors in context.json, organisations.json, services.json or a pathway
    /// file that could not be read touch every case: what they would have held is unknown.
    public static func errorsTouching(_ load: DirectoryLoader.Result, plan: RoutePlan, concerns: Set<String>) -> [Diagnostic] {
        let used = Set(plan.pathways)
        var harmless: Set<String> = []
        for f in load.pathwayFiles where !used.contains(f.id) && !concerns.contains(f.id) {
            if let required = f.requiredConcerns, !required.isEmpty, concerns.isDisjoint(with: required) { harmless.insert(f.file) }
        }
        // A file that also declares a pathway the case may use (a duplicate id, say) is not harmless.
        for f in load.pathwayFiles where used.contains(f.id) || concerns.contains(f.id) { harmless.remove(f.file) }
        return load.errors.filter { !harmless.contains($0.place.file) }
    }

    /// The pathway a file declares, read leniently from a file whose strict decoding failed (an
    /// unknown urgency in one step still leaves its id and `appliesWhen` readable).
    static func peek(path: String, name: String) -> DirectoryLoader.PathwayFile? {
        guard case .success(let bytes) = InputReader.read(path: path, limit: InputLimits.directoryFileBytes),
            let root = try? JSONParser.parse(bytes), case .object(let members) = root.value,
            let idNode = members.first(where: { $0.key == "id" })?.value, case .string(let id) = idNode.value
        else { return nil }
        var required: [String]?
        if let when = members.first(where: { $0.key == "appliesWhen" })?.value, case .object(let fields) = when.value,
            let list = fields.first(where: { $0.key == "concerns" })?.value, case .array(let items) = list.value
        {
            required = items.compactMap { if case .string(let s) = $0.value { s } else { nil } }
            if required?.count != items.count { required = nil }
        }
        return DirectoryLoader.PathwayFile(file: name, id: id, requiredConcerns: required)
    }

    /// The plan with a critical warning, first, that it was made on a partly broken directory.
    public static func marked(_ plan: RoutePlan, errors: [Diagnostic]) -> RoutePlan {
        var p = plan
        let files = Set(errors.map(\.place.file)).sorted()
        let n = errors.count
        p.warnings.insert(Warning(
            .critical, .dataPartial,
            "the pathway data has \(n) error\(n == 1 ? "" : "s") (in \(files.joined(separator: ", "))), none in what this case's pathways use: routed with --allow-partial; tell the coordinator"),
            at: 0)
        return p
    }
}
