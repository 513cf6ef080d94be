package tansa.console;

import java.util.List;

/** One route as the OpenAPI document describes it (the server registers routes only through these). */
record RouteDoc(String method, String path, Access access, String summary, List<String> query, String body, String produces) {
    RouteDoc {
        query = List.copyOf(query);
    }
}
