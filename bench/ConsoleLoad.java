import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * CLIENTS concurrent clients, each sending REQUESTS requests in turn from a fixed mix of
 * detections queries (filters, search, deep pages) to the API or the page; prints p50, p90, p99
 * and max per query and over all. Every answer must be 200. Each client is one thread with a
 * blocking keep-alive connection (HttpURLConnection) that reads each body into one reused buffer,
 * as wrk or hey do: the clients share the server's 2 cores, and java.net.http's client (one
 * selector thread for all, each body decoded into a String) cost them as much CPU as the server.
 *
 *   java bench/ConsoleLoad.java BASE_URL CASE_ID TOKEN CLIENTS REQUESTS [api|page]
 */
public class ConsoleLoad {
    static final String[] QUERIES = {
            "",                                   // first page, no filter
            "level=high",
            "level=medium&offset=5000",
            "host=SEC511-7",
            "q=mimikatz",
            "q=powershell&level=high",
            "rule=Metasploit%20SMB%20Authentication&offset=1000",
            "account=admmig",
            "from=2021-01-01&to=2021-06-30",
            "offset=250000",
    };

    public static void main(String[] a) throws Exception {
        String base = a[0];
        String id = a[1];
        String token = a[2];
        int clients = Integer.parseInt(a[3]);
        int requests = Integer.parseInt(a[4]);
        boolean page = a.length > 5 && a[5].equals("page");
        String path = page ? "/cases/" + id + "/detections?" : "/api/cases/" + id + "/detections?";
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[][]>> results = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            results.add(pool.submit(() -> {
                long[][] took = new long[QUERIES.length][requests / QUERIES.length + 1];
                byte[] buf = new byte[1 << 16];
                int[] n = new int[QUERIES.length];
                for (int i = 0; i < requests; i++) {
                    int q = (client + i) % QUERIES.length;
                    URL url = URI.create(base + path + QUERIES[q]).toURL();
                    long s = System.nanoTime();
                    HttpURLConnection conn = (HttpURLConnection) url.openConnection();
                    conn.setRequestProperty(page ? "Cookie" : "Authorization", page ? "tansa_session=" + token : "Bearer " + token);
                    int status = conn.getResponseCode();
                    if (status != 200) {
                        throw new IllegalStateException(QUERIES[q] + ": " + status);
                    }
                    try (InputStream in = conn.getInputStream()) { // read whole, then the connection is reused
                        while (in.read(buf) >= 0) {
                            // the body is read, not decoded or kept
                        }
                    }
                    long e = System.nanoTime() - s;
                    took[q][n[q]++] = e;
                }
                long[][] out = new long[QUERIES.length][];
                for (int q = 0; q < QUERIES.length; q++) {
                    out[q] = Arrays.copyOf(took[q], n[q]);
                }
                return out;
            }));
        }
        List<List<Long>> byQuery = new ArrayList<>();
        for (int q = 0; q < QUERIES.length; q++) {
            byQuery.add(new ArrayList<>());
        }
        for (Future<long[][]> f : results) {
            long[][] r = f.get();
            for (int q = 0; q < QUERIES.length; q++) {
                for (long v : r[q]) {
                    byQuery.get(q).add(v);
                }
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        List<Long> all = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-55s %6s %8s %8s %8s %8s%n", "query (" + (page ? "page" : "API") + ")", "n", "p50 ms", "p90 ms",
                "p99 ms", "max ms");
        for (int q = 0; q < QUERIES.length; q++) {
            all.addAll(byQuery.get(q));
            line(QUERIES[q].isEmpty() ? "(no filter)" : QUERIES[q], byQuery.get(q));
        }
        line("ALL", all);
        System.out.printf(Locale.ROOT, "%d clients, %d requests in %.1f s = %.0f requests/s%n", clients, all.size(), wall, all.size() / wall);
    }

    static void line(String name, List<Long> v) {
        long[] s = v.stream().mapToLong(Long::longValue).sorted().toArray();
        if (s.length == 0) { // fewer requests per client than queries in the mix
            System.out.printf(Locale.ROOT, "%-55s %6d%n", name, 0);
            return;
        }
        System.out.printf(Locale.ROOT, "%-55s %6d %8.1f %8.1f %8.1f %8.1f%n", name, s.length, pct(s, 50), pct(s, 90), pct(s, 99),
                s[s.length - 1] / 1e6);
    }

    static double pct(long[] s, int p) {
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, i)] / 1e6;
    }
}
