package tansa.console;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The UI's strings in English and Japanese ({@code messages_en.properties},
 * {@code messages_ja.properties}, UTF-8). The language is, in order: {@code ?lang=} (which also
 * sets the {@value ConsoleServer#LANG_COOKIE} cookie), the cookie, the browser's Accept-Language,
 * English. A key missing from a bundle is a bug: it throws rather than show a raw key.
 */
final class Messages {
    static final List<String> LANGS = List.of("en", "ja");
    private static final Map<String, Properties> BUNDLES = Map.of("en", load("en"), "ja", load("ja"));

    private Messages() {
    }

    static Properties load(String lang) {
        Properties p = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream("/tansa/console/messages_" + lang + ".properties")) {
            if (in == null) {
                throw new IllegalStateException("messages_" + lang + ".properties is missing from the build");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read messages_" + lang, e);
        }
        return p;
    }

    static Set<String> keys(String lang) {
        return BUNDLES.get(lang).stringPropertyNames();
    }

    static void choose(Context ctx, boolean secure) {
        String q = ctx.queryParam("lang");
        String lang = null;
        if (q != null && LANGS.contains(q)) {
            lang = q;
            ConsoleServer.cookie(ctx, ConsoleServer.LANG_COOKIE, q, 365 * 86400, secure);
        }
        if (lang == null) {
            String c = ctx.cookie(ConsoleServer.LANG_COOKIE);
            if (c != null && LANGS.contains(c)) {
                lang = c;
            }
        }
        if (lang == null) {
            lang = fromAcceptLanguage(ctx.header("Accept-Language"));
        }
        ctx.attribute("lang", lang);
    }

    /** The first of our languages the header names (quality values honoured), else English. */
    static String fromAcceptLanguage(String header) {
        if (header == null) {
            return "en";
        }
        String best = "en";
        double bestQ = -1;
        for (String part : header.split(",")) {
            String[] p = part.strip().split(";");
            String tag = p[0].strip().toLowerCase(Locale.ROOT);
            double q = 1.0;
            for (int i = 1; i < p.length; i++) {
                String s = p[i].strip();
                if (s.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(s.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            String primary = tag.contains("-") ? tag.substring(0, tag.indexOf('-')) : tag;
            if (LANGS.contains(primary) && q > bestQ) {
                best = primary;
                bestQ = q;
            }
        }
        return best;
    }

    static String lang(Context ctx) {
        String l = ctx.attribute("lang");
        return l == null ? "en" : l;
    }

    static String t(Context ctx, String key) {
        return t(lang(ctx), key);
    }

    static String t(String lang, String key) {
        String s = BUNDLES.get(lang).getProperty(key);
        if (s == null) {
            throw new IllegalStateException("message '" + key + "' is missing in " + lang);
        }
        return s;
    }
}
