/// The structural checks of one pathway graph: steps no entry reaches, cycles, and dead ends
/// (a step that is not terminal but has nowhere to go). Links are followed whatever their
/// conditions say: a step is reachable if some case could get there.
public enum PathwayStructure {

    /// The pathway as a graph with breadth-first depths, cycles, unreachable steps and dead ends.
    /// - Complexity: O(steps + links).
    public static func analyse(_ p: Pathway) -> PathwaySummary {
        let n = p.steps.count
        var depth = [Int?](repeating: nil, count: n)
        var queue: [Int] = []
        for e in p.entry where depth[e] == nil {
            depth[e] = 0
            queue.append(e)
        }
        var head = 0
        while head < queue.count {
            let i = queue[head]
            head += 1
            for l in p.links[i] where depth[l.to] == nil {
                depth[l.to] = depth[i]! + 1
                queue.append(l.to)
            }
        }
        let steps = p.steps.enumerated().map { i, s in
            StepNode(id: s.id, name: s.name, category: s.category, urgency: s.urgency, emergency: isEmergency(s),
                     terminal: s.terminal, optional: s.optional, depth: depth[i])
        }
        var links: [LinkEdge] = []
        for (i, out) in p.links.enumerated() {
            for l in out {
                links.append(LinkEdge(from: p.steps[i].id, to: p.steps[l.to].id, when: l.when.map { $0.describe(.label) }))
            }
        }
        return PathwaySummary(
            id: p.id, name: p.name, file: p.file, entry: p.entry.map { p.steps[$0].id }, steps: steps, links: links,
            cycles: cycles(p).map { $0.map { p.steps[$0].id } },
            unreachable: (0..<n).filter { depth[$0] == nil }.map { p.steps[$0].id },
            deadEnds: (0..<n).filter { !p.steps[$0].terminal && p.links[$0].isEmpty }.map { p.steps[$0].id })
    }

    /// Whether a step can become an emergency: its own urgency, a time window or an escalation.
    public static func isEmergency(_ s: Step) -> Bool {
        s.urgency == .emergency || s.windows.contains { $0.urgency == .emergency }
            || s.escalate.contains { $0.urgency == .emergency }
    }

    /// One cycle per strongly connected component that loops (Tarjan), each the shortest loop
    /// through the component's first step in file order, closed by repeating that step.
    static func cycles(_ p: Pathway) -> [[Int]] {
        let n = p.steps.count
        var index = [Int?](repeating: nil, count: n)
        var low = [Int](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var stack: [Int] = []
        var counter = 0
        var components: [[Int]] = []

        // Iterative Tarjan, so a long hand-written pathway cannot overflow the call stack.
        for root in 0..<n where index[root] == nil {
            var work: [(node: Int, next: Int)] = [(root, 0)]
            index[root] = counter
            low[root] = counter
            counter += 1
            stack.append(root)
            onStack[root] = true
            while !work.isEmpty {
                let (v, k) = work[work.count - 1]
                if k < p.links[v].count {
                    work[work.count - 1].next += 1
                    let w = p.links[v][k].to
                    if index[w] == nil {
                        index[w] = counter
                        low[w] = counter
                        counter += 1
                        stack.append(w)
                        onStack[w] = true
                        work.append((w, 0))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w]!)
                    }
                } else {
                    work.removeLast()
                    if let parent = work.last?.node { low[parent] = min(low[parent], low[v]) }
                    if low[v] == index[v]! {
                        var comp: [Int] = []
                        while let w = stack.popLast() {
                            onStack[w] = false
                            comp.append(w)
                            if w == v { break }
                        }
                        components.append(comp)
                    }
                }
            }
        }

        var out: [[Int]] = []
        for comp in components {
            let members = Set(comp)
            let start = comp.min()!
            let selfLoop = p.links[start].contains { $0.to == start }
            if comp.count == 1 && !selfLoop { continue }
            if selfLoop {
                out.append([start, start])
                continue
            }
            // Breadth first from the start, inside the component, back to the start.
            var parent = [Int: Int]()
            var queue = [start]
            var head = 0
            var closing: Int?
            search: while head < queue.count {
                let v = queue[head]
                head += 1
                for l in p.links[v] where members.contains(l.to) {
                    if l.to == start {
                        closing = v
                        break search
                    }
                    if parent[l.to] == nil {
                        parent[l.to] = v
                        queue.append(l.to)
                    }
                }
            }
            guard var v = closing else { continue }
            var path = [start]
            var back: [Int] = []
            while v != start {
                back.append(v)
                v = parent[v]!
            }
            path.append(contentsOf: back.reversed())
            path.append(start)
            out.append(path)
        }
        return out.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
