package tansa.exposure.claims;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.Reader;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * JSON lists, read as a stream: an array of paths or of objects, an object holding such an array
 * ({@code {"files": [...]}}), or one object a line (JSON Lines). An object's path is its
 * {@code path}/{@code fullName}/{@code file}... key, or a directory key joined to its {@code name};
 * its size the {@code size}/{@code length}/{@code bytes} key (a number or a size text); its hash
 * the {@code sha256}/{@code sha1}/{@code md5}/{@code hash} key. Other values are ignored. Invalid
 * JSON ends the list with a problem naming the line and column; the claims before it are kept.
 */
final class JsonList {
    private JsonList() {
    }

    private static final Pattern KEY_NOISE = Pattern.compile("[\\s_\\-]");
    private static final Pattern PATH_KEY = Pattern.compile("path|fullname|fullpath|filepath|location|sourcepath|absolutepath");
    private static final Pattern NAME_KEY = Pattern.compile("name|filename|file|basename");
    private static final Pattern DIR_KEY = Pattern.compile("directory|directoryname|dir|folder|parent|parentpath");
    private static final Pattern SIZE_KEY = Pattern.compile("size|length|bytes|filesize|sizebytes|sizeinbytes");
    private static final Pattern HASH_KEY = Pattern.compile("(md5|sha1|sha256|hash|checksum|digest)(hash|sum)?");

    private static final class Entry {
        String path;
        String dir;
        String name;
        String sizeText;
        String hash;
        String hashType;
        boolean isDir;
    }

    static void read(Reader r, LeakList list) {
        JsonParser p = null;
        try {
            p = new JsonFactory().createParser(r);
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                value(p, t, list, 0);
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            list.problem(at == null ? 0 : at.getLineNr(), "not valid JSON at column " + (at == null ? 0 : at.getColumnNr()) + " ("
                    + LeakList.cap(e.getOriginalMessage()) + "); the claims before it are kept");
        } catch (IOException e) {
            list.problem(0, "cannot read the list (" + LeakList.cap(String.valueOf(e.getMessage())) + ")");
        } finally {
            if (p != null) {
                try {
                    p.close();
                } catch (IOException ignoredOnClose) {
                    // nothing was written
                }
            }
        }
    }

    /** One value at the top level or in an array: depth 0 or 1 objects may hold the array of files. */
    private static void value(JsonParser p, JsonToken t, LeakList list, int depth) throws IOException {
        int line = p.getTokenLocation().getLineNr();
        if (t == JsonToken.START_ARRAY) {
            JsonToken e;
            while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                if (e == null) {
                    return;
                }
                value(p, e, list, depth + 1);
            }
        } else if (t == JsonToken.VALUE_STRING) {
            String s = p.getText();
            if (PathText.isListedFile(s.strip())) {
                list.claim(line, s.strip(), s, null, null, null);
            } else {
                list.ignore();
            }
        } else if (t == JsonToken.START_OBJECT) {
            object(p, list, line, depth);
        } else {
            list.ignore();
        }
    }

    /** {@code "Hashes": {"md5": "...", "sha256": "..."}}: the strongest digest given. */
    private static void hashes(JsonParser p, Entry e) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = KEY_NOISE.matcher(p.currentName().toLowerCase(Locale.ROOT)).replaceAll("");
            JsonToken v = p.nextToken();
            if (v != JsonToken.VALUE_STRING) {
                p.skipChildren();
                continue;
            }
            String text = p.getText();
            String type = Claim.hashTypeOf(text);
            if (type != null && Claim.isHex(text) && key.equals(type) && (e.hashType == null || rank(type) > rank(e.hashType))) {
                e.hash = text;
                e.hashType = type;
            }
        }
    }

    private static int rank(String hashType) {
        return hashType.equals("sha256") ? 3 : hashType.equals("sha1") ? 2 : 1;
    }

    private static void object(JsonParser p, LeakList list, int line, int depth) throws IOException {
        Entry e = new Entry();
        boolean held = false;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = KEY_NOISE.matcher(p.currentName().toLowerCase(Locale.ROOT)).replaceAll("");
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_ARRAY && depth == 0) {
                held = true;
                value(p, v, list, depth + 1);
                continue;
            }
            if (v == JsonToken.START_OBJECT && key.equals("hashes")) {
                hashes(p, e); // rclone lsjson --hash
                continue;
            }
            if (v == JsonToken.START_ARRAY || v == JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            if (key.equals("isdir") || key.equals("directory") && v.isBoolean()) {
                e.isDir |= v == JsonToken.VALUE_TRUE;
                continue;
            }
            String text = v == JsonToken.VALUE_NULL ? null : p.getText();
            if (text == null) {
                continue;
            }
            if (PATH_KEY.matcher(key).matches()) {
                e.path = e.path == null ? text : e.path;
            } else if (NAME_KEY.matcher(key).matches()) {
                e.name = e.name == null ? text : e.name;
            } else if (DIR_KEY.matcher(key).matches()) {
                e.dir = text;
            } else if (SIZE_KEY.matcher(key).matches()) {
                e.sizeText = text;
            } else if (HASH_KEY.matcher(key).matches() && Claim.isHex(text) && Claim.hashTypeOf(text) != null) {
                e.hash = text;
                e.hashType = key.contains("sha256") ? "sha256" : key.contains("sha1") ? "sha1" : key.contains("md5") ? "md5" : Claim.hashTypeOf(text);
            }
        }
        if (t != JsonToken.END_OBJECT) {
            return;
        }
        String shown = e.path != null ? e.path : e.name;
        if (shown == null || shown.isBlank()) {
            if (!held) {
                list.ignore();
            }
            return;
        }
        String path = e.path != null ? e.path : PathText.join(e.dir, e.name);
        SizeText size = e.sizeText == null ? null : SizeText.parse(e.sizeText);
        if (e.isDir || e.sizeText != null && size == null || path.endsWith("/") || path.endsWith("\\")) {
            list.ignore();
            return;
        }
        list.claim(line, path, shown, size, e.hash, e.hashType);
    }
}
