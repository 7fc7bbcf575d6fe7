package io.mttcgj.codegen.emit;

/** An instruction-set front end: finds the translator for an instruction word. */
public interface Decoder {
    /** Never null: unknown encodings map to a translator that raises the guest's Undefined exception. */
    InsnTranslator decode(int insn);

    String name(int insn);
}
