package tansa.zeek;

/**
 * How a Zeek log type ({@code #types}) is written in JSON: {@code count}, {@code int} and
 * {@code port} as integers, {@code double} and {@code interval} as numbers, {@code bool} as a
 * boolean, {@code time} as text ({@link ZeekTime}), everything else ({@code string}, {@code addr},
 * {@code subnet}, {@code enum}, {@code pattern}...) as text. {@code set[T]} and {@code vector[T]}
 * are arrays of T.
 */
enum ZeekType {
    INTEGER, NUMBER, BOOL, TIME, TEXT;

    static ZeekType of(String name) {
        switch (element(name)) {
            case "count":
            case "int":
            case "port":
                return INTEGER;
            case "double":
            case "interval":
                return NUMBER;
            case "bool":
                return BOOL;
            case "time":
                return TIME;
            default:
                return TEXT;
        }
    }

    static boolean container(String name) {
        return name.startsWith("set[") || name.startsWith("vector[");
    }

    private static String element(String name) {
        int open = name.indexOf('[');
        return open > 0 && name.endsWith("]") ? name.substring(open + 1, name.length() - 1) : name;
    }
}
