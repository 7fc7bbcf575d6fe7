package io.mttcgj.experiments.campaign;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * results.csv: one row per finished injection, appended and forced to disk as each result arrives, so a
 * campaign killed half-way loses nothing it finished and is resumed by skipping the ids already there.
 */
final class ResultsCsv implements AutoCloseable {
    static final String HEADER = "id,model,vcpu,at_insn,params,outcome,injected,exit_status,wall_ms,diff,worker";

    /** A row as read back (for resume and the summary). */
    record Row(int id, String model, String outcome) {
    }

    private final FileChannel channel;

    /** Opens {@code file} for appending; a torn last line (the campaign was killed while writing it) is cut off. */
    ResultsCsv(Path file) throws IOException {
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        if (fresh) {
            write(HEADER + "\n");
        } else {
            byte[] all = Files.readAllBytes(file);
            int end = all.length;
            while (end > 0 && all[end - 1] != '\n') {
                end--;
            }
            channel.truncate(end);
            channel.position(end);
        }
    }

    void append(InjectionResult r) throws IOException {
        Injection i = r.injection();
        String params = i.params().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
        write(String.join(",", String.valueOf(i.id()), quote(i.model()), String.valueOf(i.vcpu()),
                String.valueOf(i.atInsn()), quote(params), r.outcome().name(), String.valueOf(r.injected()),
                String.valueOf(r.exitStatus()), String.valueOf(r.wallMillis()), quote(r.diffSummary()),
                quote(r.worker())) + "\n");
    }

    private void write(String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            channel.write(b);
        }
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"").replace('\n', ' ') + '"';
    }

    /** The complete rows of {@code file} (none if it does not exist). */
    static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        String text = Files.readString(file);
        int lastNl = text.lastIndexOf('\n');
        String[] lines = (lastNl < 0 ? "" : text.substring(0, lastNl)).split("\n");
        for (String line : lines) {
            if (line.isEmpty() || line.startsWith("id,")) {
                continue;
            }
            List<String> f = split(line);
            if (f.size() == 11) {
                try {
                    rows.add(new Row(Integer.parseInt(f.get(0)), f.get(1), f.get(5)));
                } catch (NumberFormatException ignored) {
                    // not a row of ours
                }
            }
        }
        return rows;
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean q = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (q) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    q = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                q = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
