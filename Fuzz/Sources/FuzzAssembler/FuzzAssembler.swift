// Any text as `.easm`: the assembler must give a program or an AssemblyError. Includes read
// nothing from disk.
import EVMAssembler

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let assembler = Assembler(readFile: { _ in nil })
    if let program = try? assembler.assemble(source: text, file: "fuzz.easm") {
        // What assembles must disassemble.
        _ = Disassembler.lines(program.runtime)
    }
    return 0
}
