package dev.moor.device;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PlatformStore {

    private final JdbcClient jdbc;

    PlatformStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The whole catalogue, platforms by name, boards and variants by id. */
    List<Platform> all() {
        Map<Integer, List<BoardVariant>> variants = new LinkedHashMap<>();
        jdbc.sql("""
                select v.id, v.key, v.name, v.board_id, b.key as board_key
                from board_variants v join boards b on b.id = v.board_id
                order by v.id""")
                .query((ResultSet rs) -> {
                    variants.computeIfAbsent(rs.getInt("board_id"), id -> new ArrayList<>())
                            .add(new BoardVariant(rs.getInt("id"), rs.getString("key"), rs.getString("name"),
                                    rs.getString("board_key")));
                });
        Map<Integer, List<Board>> boards = new LinkedHashMap<>();
        jdbc.sql("""
                select b.id, b.key, b.name, b.platform_id, p.key as platform_key
                from boards b join platforms p on p.id = b.platform_id
                order by b.id""")
                .query((ResultSet rs) -> {
                    int id = rs.getInt("id");
                    boards.computeIfAbsent(rs.getInt("platform_id"), platform -> new ArrayList<>())
                            .add(new Board(id, rs.getString("key"), rs.getString("name"), rs.getString("platform_key"),
                                    variants.getOrDefault(id, List.of())));
                });
        return jdbc.sql("select id, key, name from platforms order by name")
                .query((rs, row) -> new Platform(rs.getInt("id"), rs.getString("key"), rs.getString("name"),
                        boards.getOrDefault(rs.getInt("id"), List.of())))
                .list();
    }
}
