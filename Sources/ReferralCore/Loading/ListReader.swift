/// Reading the list files (organisations.json, services.json) as streams: see `ListStream`.
extension DirectoryBuilder {
    /// Reads the list file at `path` and builds from its elements as they are read. Returns nil,
    /// with the builder's state as it was before (nothing of the file is used), when the file
    /// cannot be read, has a syntax error anywhere, or its envelope is wrong; the file is then
    /// recorded in `unreadable`.
    mutating func streamList<T, R>(path: String, key: String, kind: DirectoryLoader.UnreadableFile.Kind,
                                   decode: @escaping ListStream<T>.Decode,
                                   build: (inout DirectoryBuilder, ListStream<T>) -> R) -> R?
    {
        let name = displayName(path)
        guard let file = FileReader.read(path: path, name: name, diags: &diags) else {
            unreadable.append(.init(kind: kind, file: name))
            return nil
        }
        let reading = ListReading(file: file, key: key)
        // Until the end of the file it is not known whether its elements count: the state before
        // building is kept (arrays are copied on write, so this costs nothing until then).
        let before = self
        var result: R? = build(&self, ListStream(reading, decode: decode))
        if !reading.usable {
            self = before
            result = nil
        }
        if let e = reading.syntaxError {
            diags.append(FileReader.syntaxFinding(e, in: file))
        } else {
            diags += reading.envelope
            for d in reading.envelopeProblems() { cap.add(d, to: &diags) }
            if reading.usable {
                for d in reading.elements { cap.add(d, to: &diags) }
                cap.absorbHidden(reading.cap)
            }
        }
        if result == nil { unreadable.append(.init(kind: kind, file: name)) }
        return result
    }

    /// Reads the rest of a stream without building (its elements are still decoded and checked).
    func drain<T>(_ list: ListStream<T>) {
        for _ in list {}
    }

    /// Decodes an element by hand (services, organisations: see `FieldTable`).
    static func element<T: FieldDecodable>(_ type: T.Type) -> ListStream<T>.Decode {
        { tokens, file, path, reading in
            var r = TokenReader(tokens: tokens, file: file, path: .text(path), echo: true)
            swap(&r.steps, &reading.spareSteps)
            swap(&r.slots, &reading.spareSlots)
            defer {
                r.steps.removeAll(keepingCapacity: true)
                swap(&r.steps, &reading.spareSteps)
                swap(&r.slots, &reading.spareSlots)
            }
            do throws(TokenReader.Stop) {
                return try r.object(0, T.self)
            } catch {
                for d in r.findings { reading.cap.add(d, to: &reading.elements) }
                reading.cap.absorbHidden(r.cap)
                return nil
            }
        }
    }

    /// Decodes an element with the generic strict decoder.
    static func genericElement<T: Decodable>(_ type: T.Type) -> ListStream<T>.Decode {
        { tokens, file, path, reading in
            do throws(LoadFailure) {
                return try StrictDecoder().decode(T.self, in: JSONDocument(file: file, tokens: tokens), at: 0, path: path)
            } catch {
                for d in error.diagnostics { reading.cap.add(d, to: &reading.elements) }
                return nil
            }
        }
    }
}
