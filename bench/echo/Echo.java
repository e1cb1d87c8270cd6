import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The JVM floor of the benchmark: answers every JSON-RPC request line with an empty result, using no
 * library at all. It runs with the launcher's flags and its own AOT cache, so the gap between it and the
 * server is what the server's own code costs.
 */
public final class Echo {

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        for (String line; (line = in.readLine()) != null; ) {
            out.print("{\"jsonrpc\":\"2.0\",\"id\":" + id(line) + ",\"result\":{}}\n");
            out.flush();
        }
    }

    /** The raw text of the "id" value (a number or a string without escapes is all the benchmark sends). */
    private static String id(String line) {
        int key = line.indexOf("\"id\"");
        if (key < 0) {
            return "null";
        }
        int start = line.indexOf(':', key) + 1;
        int end = start;
        while (end < line.length() && ",}".indexOf(line.charAt(end)) < 0) {
            end++;
        }
        return line.substring(start, end).trim();
    }
}
