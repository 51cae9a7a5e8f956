package se.bidragskoll.ruleset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Judges the classes that compiling rule files produced, instruction by instruction, before any of
 * them runs: what a consequence, an {@code eval} or a DRL function calls, reads, creates and how it
 * branches. Text can hide code (a unicode escape, a class loader reached by a chain of calls); the
 * compiled class cannot. Refused are: any member outside {@link RuleAllowList}, creating objects or
 * arrays (but a few varargs), writing fields, class literals, method handles, lambdas, locks,
 * exceptions thrown or caught, loops other than one pass over a list the judgement holds, and a
 * variable that keeps a computed value.
 */
final class BytecodeGate {

    /** One refusal: the class and Java line where it is, what was reached for and the member's simple name (or null). */
    record Refusal(String className, int javaLine, String what, String member) {
        Refusal(String className, int javaLine, String what) {
            this(className, javaLine, what, null);
        }
    }

    /** How many elements a varargs array written in a rule may have. */
    static final int MAX_VARARGS = 16;

    private static final Set<String> CONCAT_BOOTSTRAPS = Set.of("makeConcatWithConstants", "makeConcat");

    private BytecodeGate() {
    }

    /** What kind of class the engine made from a rule file. */
    enum Kind {
        /** The engine's own glue around a consequence or eval ({@code …Invoker}): written from its templates. */
        INVOKER,
        /** A rule's class: its consequences and evals, written by the rule author. */
        RULE,
        /** A DRL {@code function}: no loops and no calls to other functions (no recursion). */
        FUNCTION
    }

    /**
     * An invoker implements the engine's {@code CompiledInvoker} (a DRL function cannot choose its
     * interfaces: the engine writes it as {@code Externalizable}); a rule's class is named {@code Rule_…}.
     */
    static Kind kind(ClassNode node) {
        String simple = node.name.substring(node.name.lastIndexOf('/') + 1);
        if (node.interfaces.contains("org/drools/base/rule/accessor/CompiledInvoker")) {
            return Kind.INVOKER;
        }
        return simple.startsWith("Rule_") && node.interfaces.isEmpty() ? Kind.RULE : Kind.FUNCTION;
    }

    /** One package's compiled classes, read once: each class's internal name, node and kind. */
    record Compiled(String name, ClassNode node, Kind kind) {
    }

    /** Reads the classes of one package (bytes by internal name), each once. */
    static List<Compiled> read(Map<String, byte[]> classes) {
        List<Compiled> read = new ArrayList<>();
        classes.forEach((name, bytes) -> {
            ClassNode node = new ClassNode();
            new ClassReader(bytes).accept(node, 0);
            read.add(new Compiled(name, node, kind(node)));
        });
        return read;
    }

    /** The internal names of the package's DRL functions, which a rule's class may call (never a function itself). */
    static Set<String> functions(List<Compiled> classes) {
        Set<String> functions = new java.util.HashSet<>();
        classes.stream().filter(c -> c.kind() == Kind.FUNCTION).forEach(c -> functions.add(c.name()));
        return functions;
    }

    /** Inspects one class of a package whose DRL functions are {@code functions}. */
    static List<Refusal> inspect(Compiled compiled, Set<String> functions) {
        ClassNode node = compiled.node();
        Kind kind = compiled.kind();
        List<Refusal> refusals = new ArrayList<>();
        if (kind == Kind.INVOKER) {
            inspectInvoker(node, refusals);
            return refusals;
        }
        if (node.fields.stream().anyMatch(f -> (f.access & Opcodes.ACC_STATIC) == 0
                || !"serialVersionUID".equals(f.name))) {
            refusals.add(new Refusal(node.name, 0, "a field in a rule's class"));
        }
        for (MethodNode method : node.methods) {
            if (trivial(method)) {
                continue;
            }
            if ((method.access & Opcodes.ACC_STATIC) == 0 || method.name.startsWith("<")) {
                refusals.add(new Refusal(node.name, firstLine(method), "code outside a consequence, eval or function ("
                        + method.name + ")"));
                continue;
            }
            new MethodCheck(node.name, method, kind, functions, refusals).run();
        }
        return refusals;
    }

    /** A constructor that only calls {@code Object()}, or an engine-written empty method. */
    private static boolean trivial(MethodNode method) {
        List<Integer> ops = new ArrayList<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn.getOpcode() >= 0) {
                ops.add(insn.getOpcode());
            }
        }
        if (method.name.equals("<init>") && method.desc.equals("()V")) {
            return ops.equals(List.of(Opcodes.ALOAD, Opcodes.INVOKESPECIAL, Opcodes.RETURN))
                    && java.util.stream.StreamSupport.stream(method.instructions.spliterator(), false)
                            .anyMatch(i -> i instanceof MethodInsnNode m && m.owner.equals("java/lang/Object"));
        }
        if ((method.name.equals("writeExternal") || method.name.equals("readExternal")) && ops.equals(List.of(Opcodes.RETURN))) {
            return true;
        }
        return method.name.equals("<clinit>") && ops.stream().allMatch(o -> o == Opcodes.RETURN);
    }

    /** The engine's glue may call the engine and name the facts; it may not reach the JDK beyond a few members. */
    private static void inspectInvoker(ClassNode node, List<Refusal> refusals) {
        for (MethodNode method : node.methods) {
            int line = 0;
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof LineNumberNode l) {
                    line = l.line;
                } else if (insn instanceof MethodInsnNode m) {
                    if (!engine(m.owner) && !m.owner.equals(node.name)
                            && !m.owner.startsWith(node.name.substring(0, node.name.lastIndexOf('/') + 1) + "Rule_")
                            && !(m.owner.equals("java/lang/Object") && (m.name.equals("getClass") || m.name.equals("<init>")))
                            && !RuleAllowList.member(m.owner, m.name)) {
                        refusals.add(new Refusal(node.name, line, outside(m.owner, m.name), m.name));
                    }
                } else if (insn instanceof FieldInsnNode f && !f.owner.equals(node.name)
                        && !RuleAllowList.member(f.owner, f.name)) {
                    refusals.add(new Refusal(node.name, line, outside(f.owner, f.name), f.name));
                } else if (insn instanceof InvokeDynamicInsnNode) {
                    refusals.add(new Refusal(node.name, line, "an instruction the engine's glue never has"));
                }
            }
        }
    }

    private static boolean engine(String owner) {
        return owner.startsWith("org/drools/") || owner.startsWith("org/kie/");
    }

    static int firstLine(MethodNode method) {
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof LineNumberNode l) {
                return l.line;
            }
        }
        return 0;
    }

    /** The checks of one method of a rule's class or a function. */
    private static final class MethodCheck {
        private final String owner;
        private final MethodNode method;
        private final Kind kind;
        private final Set<String> functions;
        private final List<Refusal> refusals;
        private final AbstractInsnNode[] insns;
        private final Map<LabelNode, Integer> labels = new HashMap<>();
        private final int[] lines;

        MethodCheck(String owner, MethodNode method, Kind kind, Set<String> functions, List<Refusal> refusals) {
            this.owner = owner;
            this.method = method;
            this.kind = kind;
            this.functions = functions;
            this.refusals = refusals;
            this.insns = method.instructions.toArray();
            this.lines = new int[insns.length];
            int line = 0;
            for (int i = 0; i < insns.length; i++) {
                if (insns[i] instanceof LineNumberNode l) {
                    line = l.line;
                } else if (insns[i] instanceof LabelNode label) {
                    labels.put(label, i);
                }
                lines[i] = line;
            }
            // a line number node follows its label: give the label's instructions the line too
            for (int i = insns.length - 1; i > 0; i--) {
                if (insns[i] instanceof LineNumberNode l && lines[i - 1] != l.line && insns[i - 1] instanceof LabelNode) {
                    lines[i - 1] = l.line;
                }
            }
        }

        private void refuse(int at, String what) {
            refuse(at, what, null);
        }

        private void refuseMember(int at, String owner, String name) {
            refuse(at, outside(owner, name), name);
        }

        private void refuse(int at, String what, String member) {
            int line = at >= 0 && at < lines.length ? lines[at] : 0;
            if (line == 0) {
                for (int i = at; i < lines.length && line == 0; i++) {
                    line = lines[Math.max(0, i)];
                }
            }
            refusals.add(new Refusal(owner, line, what, member));
        }

        void run() {
            if (!method.tryCatchBlocks.isEmpty()) {
                refuse(labels.getOrDefault(method.tryCatchBlocks.get(0).start, 0),
                        "try/catch in a rule (an exception is the engine's to handle)", "try");
            }
            List<int[]> loops = new ArrayList<>();
            for (int i = 0; i < insns.length; i++) {
                AbstractInsnNode insn = insns[i];
                int op = insn.getOpcode();
                if (insn instanceof MethodInsnNode m) {
                    call(i, m);
                } else if (insn instanceof FieldInsnNode f) {
                    if (op != Opcodes.GETSTATIC && op != Opcodes.GETFIELD) {
                        refuse(i, "writing the field " + name(f.owner) + "." + f.name);
                    } else if (!RuleAllowList.member(f.owner, f.name)) {
                        refuseMember(i, f.owner, f.name);
                    }
                } else if (insn instanceof InvokeDynamicInsnNode indy) {
                    Handle bsm = indy.bsm;
                    if (!bsm.getOwner().equals("java/lang/invoke/StringConcatFactory")
                            || !CONCAT_BOOTSTRAPS.contains(bsm.getName())) {
                        refuse(i, "a lambda or method reference (" + name(bsm.getOwner()) + "." + bsm.getName()
                                + "): write the step as a helper of the family instead");
                    }
                } else if (insn instanceof TypeInsnNode t) {
                    if (op == Opcodes.NEW) {
                        refuse(i, "creating a " + name(t.desc) + " (new): a rule builds findings through out, "
                                + "nothing else", "new");
                    } else if (op == Opcodes.ANEWARRAY) {
                        varargs(i, t.desc);
                    } else if (!RuleAllowList.type(t.desc)) {
                        refuse(i, "the type " + name(t.desc) + " is outside what a rule may use",
                                name(t.desc).substring(name(t.desc).lastIndexOf('.') + 1));
                    }
                } else if (insn instanceof IntInsnNode n && op == Opcodes.NEWARRAY) {
                    varargs(i, "a primitive");
                } else if (insn instanceof MultiANewArrayInsnNode) {
                    refuse(i, "creating an array");
                } else if (insn instanceof LdcInsnNode ldc) {
                    if (!(ldc.cst instanceof String || ldc.cst instanceof Number)) {
                        refuse(i, "a class literal or constant of the kind " + ldc.cst.getClass().getSimpleName());
                    }
                } else if (op == Opcodes.MONITORENTER || op == Opcodes.MONITOREXIT) {
                    refuse(i, "a lock (synchronized)");
                } else if (op == Opcodes.ATHROW) {
                    refuse(i, "throwing an exception");
                } else if (insn instanceof JumpInsnNode j) {
                    int target = labels.getOrDefault(j.label, i);
                    if (target <= i) {
                        if (kind == Kind.FUNCTION || !iteratorLoop(i, j, target)) {
                            refuse(i, "a loop: a rule may go once through a list it is given (for (X x : list)), "
                                    + "nothing else; other loops belong in a family helper");
                        } else {
                            loops.add(new int[] {target, i});
                        }
                    }
                    if (op == Opcodes.JSR) {
                        refuse(i, "a subroutine jump");
                    }
                } else if (insn instanceof FrameNode || insn instanceof LabelNode || insn instanceof LineNumberNode
                        || insn instanceof VarInsnNode || insn instanceof IincInsnNode || insn instanceof InsnNode) {
                    // values, arithmetic and locals: checked below where they matter
                } else if (op >= 0) {
                    refuse(i, "the instruction " + op);
                }
            }
            for (int[] a : loops) {
                for (int[] b : loops) {
                    if (a != b && b[0] >= a[0] && b[1] <= a[1]) {
                        refuse(b[1], "a loop inside a loop (its cost grows with the product of the lists)");
                    }
                }
            }
            variables();
        }

        private void call(int i, MethodInsnNode m) {
            if (functions.contains(m.owner)) {
                if (kind != Kind.RULE || m.getOpcode() != Opcodes.INVOKESTATIC) {
                    refuse(i, "a DRL function calling a DRL function (" + name(m.owner) + "." + m.name + "): no recursion", m.name);
                }
                return;
            }
            if (!RuleAllowList.member(m.owner, m.name)) {
                refuseMember(i, m.owner, m.name);
            }
        }

        /** A varargs array: a constant, small length, stored into at once (as javac writes a varargs call). */
        private void varargs(int i, String element) {
            AbstractInsnNode size = previous(i);
            int length = -1;
            if (size instanceof InsnNode n && n.getOpcode() >= Opcodes.ICONST_0 && n.getOpcode() <= Opcodes.ICONST_5) {
                length = n.getOpcode() - Opcodes.ICONST_0;
            } else if (size instanceof IntInsnNode n && (n.getOpcode() == Opcodes.BIPUSH || n.getOpcode() == Opcodes.SIPUSH)) {
                length = n.operand;
            }
            if (length < 0 || length > MAX_VARARGS) {
                refuse(i, "creating an array (only a varargs call of at most " + MAX_VARARGS + " values)");
            } else if (!element.equals("a primitive") && !RuleAllowList.type(element)) {
                refuse(i, "an array of " + name(element) + ", outside what a rule may use");
            }
        }

        private AbstractInsnNode previous(int i) {
            for (int k = i - 1; k >= 0; k--) {
                if (insns[k].getOpcode() >= 0) {
                    return insns[k];
                }
            }
            return null;
        }

        private AbstractInsnNode next(int i) {
            for (int k = i + 1; k < insns.length; k++) {
                if (insns[k].getOpcode() >= 0) {
                    return insns[k];
                }
            }
            return null;
        }

        /**
         * {@code for (X x : list)} as compiled: the backward jump is the {@code ifne} after
         * {@code aload it; invokeinterface Iterator.hasNext}, and {@code it} is written once, from
         * {@code iterator()} of a list the rule reads.
         */
        private boolean iteratorLoop(int i, JumpInsnNode jump, int target) {
            if (jump.getOpcode() != Opcodes.IFNE) {
                return false;
            }
            AbstractInsnNode hasNext = previous(i);
            int at = index(hasNext);
            AbstractInsnNode load = at < 0 ? null : previous(at);
            if (!(hasNext instanceof MethodInsnNode h) || !h.owner.equals("java/util/Iterator") || !h.name.equals("hasNext")
                    || !(load instanceof VarInsnNode v) || v.getOpcode() != Opcodes.ALOAD) {
                return false;
            }
            int stores = 0;
            boolean fromIterator = false;
            for (int k = 0; k < insns.length; k++) {
                if (insns[k] instanceof VarInsnNode s && s.var == v.var && s.getOpcode() == Opcodes.ASTORE) {
                    stores++;
                    fromIterator = previous(k) instanceof MethodInsnNode it && it.name.equals("iterator")
                            && RuleAllowList.read(it.owner, it.name) && k < target;
                } else if (insns[k] instanceof IincInsnNode inc && inc.var == v.var) {
                    return false;
                }
            }
            return stores == 1 && fromIterator;
        }

        private int index(AbstractInsnNode insn) {
            return method.instructions.indexOf(insn);
        }

        /** A variable keeps only what the rule reads (a parameter, a fact's field, a list's element), never a computed value. */
        private void variables() {
            Frame<SourceValue>[] frames;
            try {
                frames = new Analyzer<>(new SourceInterpreter()).analyze(owner, method);
            } catch (AnalyzerException e) {
                refuse(0, "code that cannot be analysed (" + e.getMessage() + ")");
                return;
            }
            for (int i = 0; i < insns.length; i++) {
                if (insns[i] instanceof VarInsnNode v && v.getOpcode() == Opcodes.ASTORE && frames[i] != null) {
                    Frame<SourceValue> frame = frames[i];
                    SourceValue value = frame.getStack(frame.getStackSize() - 1);
                    for (AbstractInsnNode source : value.insns) {
                        if (!readValue(source, frames, 0)) {
                            refuse(i, "a variable that keeps a computed value (a rule passes computed values on "
                                    + "and keeps only what it reads)");
                            break;
                        }
                    }
                }
            }
        }

        private boolean readValue(AbstractInsnNode source, Frame<SourceValue>[] frames, int depth) {
            if (depth > 8) {
                return false;
            }
            int op = source.getOpcode();
            if (source instanceof VarInsnNode || op == Opcodes.ACONST_NULL || source instanceof LdcInsnNode) {
                return true;
            }
            if (source instanceof MethodInsnNode m) {
                return RuleAllowList.read(m.owner, m.name);
            }
            if (source instanceof FieldInsnNode f) {
                return op == Opcodes.GETSTATIC || op == Opcodes.GETFIELD;
            }
            if (op == Opcodes.CHECKCAST) {
                int at = index(source);
                Frame<SourceValue> frame = frames[at];
                if (frame == null) {
                    return false;
                }
                for (AbstractInsnNode s : frame.getStack(frame.getStackSize() - 1).insns) {
                    if (!readValue(s, frames, depth + 1)) {
                        return false;
                    }
                }
                return true;
            }
            return false;
        }
    }

    static String outside(String owner, String member) {
        return name(owner) + "." + member + " is outside what a rule may reach";
    }

    static String name(String internal) {
        String t = internal;
        if (t.startsWith("[") || (t.startsWith("L") && t.endsWith(";"))) {
            t = Type.getType(t).getClassName();
        }
        return t.replace('/', '.');
    }
}
