package tansa.scope;

import java.util.List;

/** The movement graph: nodes by id, edges by source, target and kind. */
public record Graph(List<GraphNode> nodes, List<GraphEdge> edges) {
    public Graph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }
}
