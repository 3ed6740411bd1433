package io.kcg.genesys.record;

import java.util.List;
import java.util.Set;

/**
 * Words that some common warehouse refuses as an unquoted column name: the reserved words (not the merely
 * non-reserved keywords) of PostgreSQL, MySQL 8, SQL Server, Oracle, Snowflake and BigQuery, and the SQL standard's
 * reserved words that name no function ({@code value}, {@code key}, ...). The standard also reserves function names
 * such as {@code count}, {@code sum}, {@code min} and {@code max}; none of those engines does, so they stay usable
 * (the long format's stat columns are named after them). Lower case; a record field never has one of these names.
 */
final class SqlReservedWords {
    // CHECKSTYLE.OFF: LineLength
    private static final Set<String> WORDS = Set.copyOf(List.of( // the lists overlap: copyOf drops repeats
            // the SQL standard (SQL:2016) reserved words that name no function, as most engines inherit them
            "all", "allocate", "alter", "and", "any", "are", "array", "as", "asensitive", "asymmetric", "at", "atomic",
            "authorization", "begin", "between", "bigint", "binary", "blob", "boolean", "both", "by", "call", "called",
            "cascaded", "case", "cast", "char", "character", "check", "clob", "close", "collate", "column", "commit",
            "condition", "connect", "constraint", "continue", "corresponding", "create", "cross", "cube", "current",
            "current_catalog", "current_date", "current_path", "current_role", "current_row", "current_schema",
            "current_time", "current_timestamp", "current_user", "cursor", "cycle", "date", "day", "deallocate", "dec",
            "decimal", "declare", "default", "delete", "deref", "describe", "deterministic", "disconnect", "distinct",
            "double", "drop", "dynamic", "each", "element", "else", "end", "escape", "except", "exec", "execute",
            "exists", "external", "false", "fetch", "filter", "float", "for", "foreign", "free", "from", "full",
            "function", "get", "global", "grant", "group", "grouping", "groups", "having", "hold", "hour", "identity",
            "in", "indicator", "inner", "inout", "insensitive", "insert", "int", "integer", "intersect", "interval",
            "into", "is", "join", "key", "language", "large", "lateral", "leading", "left", "like", "local", "localtime",
            "localtimestamp", "match", "member", "merge", "method", "minute", "modifies", "module", "month", "multiset",
            "national", "natural", "nchar", "nclob", "new", "no", "none", "not", "null", "numeric", "of", "offset",
            "old", "on", "only", "open", "or", "order", "out", "outer", "over", "overlaps", "parameter", "partition",
            "period", "precision", "prepare", "primary", "procedure", "range", "reads", "real", "recursive", "ref",
            "references", "referencing", "release", "return", "returns", "revoke", "right", "rollback", "rollup", "row",
            "rows", "savepoint", "scope", "scroll", "search", "second", "select", "sensitive", "session_user", "set",
            "similar", "smallint", "some", "specific", "specifictype", "sql", "sqlexception", "sqlstate", "sqlwarning",
            "start", "static", "submultiset", "symmetric", "system", "system_user", "table", "tablesample", "then",
            "time", "timestamp", "timezone_hour", "timezone_minute", "to", "trailing", "translation", "treat",
            "trigger", "true", "uescape", "union", "unique", "unknown", "unnest", "update", "user", "using", "value",
            "values", "varchar", "varying", "when", "whenever", "where", "window", "with", "within", "without", "year",
            // PostgreSQL's reserved words beyond those
            "analyse", "analyze", "asc", "collation", "concurrently", "deferrable", "desc", "do", "freeze", "ilike",
            "initially", "isnull", "limit", "notnull", "placing", "returning", "variadic", "verbose",
            // MySQL 8's reserved words beyond those
            "accessible", "add", "before", "cascade", "change", "convert", "cume_dist", "database", "databases",
            "day_hour", "day_microsecond", "day_minute", "day_second", "delayed", "dense_rank", "distinctrow", "div",
            "dual", "elseif", "empty", "enclosed", "escaped", "exit", "explain", "first_value", "float4", "float8",
            "force", "fulltext", "generated", "high_priority", "hour_microsecond", "hour_minute", "hour_second", "if",
            "ignore", "index", "infile", "int1", "int2", "int3", "int4", "int8", "io_after_gtids", "io_before_gtids",
            "iterate", "json_table", "keys", "kill", "lag", "last_value", "lead", "leave", "linear", "lines", "load",
            "lock", "long", "longblob", "longtext", "loop", "low_priority", "master_bind",
            "master_ssl_verify_server_cert", "maxvalue", "mediumblob", "mediumint", "mediumtext", "middleint",
            "minute_microsecond", "minute_second", "mod", "no_write_to_binlog", "nth_value", "ntile", "optimize",
            "optimizer_costs", "option", "optionally", "outfile", "percent_rank", "purge", "rank", "read", "read_write",
            "regexp", "rename", "repeat", "replace", "require", "resignal", "restrict", "rlike", "row_number",
            "schema", "schemas", "second_microsecond", "separator", "show", "signal", "spatial", "sql_big_result",
            "sql_calc_found_rows", "sql_small_result", "ssl", "starting", "stored", "straight_join", "terminated",
            "tinyblob", "tinyint", "tinytext", "undo", "unlock", "unsigned", "usage", "use", "utc_date", "utc_time",
            "utc_timestamp", "varbinary", "varcharacter", "virtual", "while", "write", "xor", "year_month", "zerofill",
            // SQL Server's reserved words beyond those
            "backup", "break", "browse", "bulk", "checkpoint", "clustered", "coalesce", "compute", "contains",
            "containstable", "dbcc", "deny", "disk", "distributed", "dump", "errlvl", "file", "fillfactor", "freetext",
            "freetexttable", "goto", "holdlock", "identity_insert", "identitycol", "lineno", "nocheck", "nonclustered",
            "nullif", "off", "offsets", "opendatasource", "openquery", "openrowset", "openxml", "percent", "pivot",
            "plan", "print", "proc", "public", "raiserror", "readtext", "reconfigure", "replication", "restore",
            "revert", "rowcount", "rowguidcol", "rule", "save", "securityaudit", "semantickeyphrasetable",
            "semanticsimilaritydetailstable", "semanticsimilaritytable", "setuser", "shutdown", "statistics",
            "textsize", "top", "tran", "transaction", "truncate", "try_convert", "tsequal", "unpivot", "updatetext",
            "view", "waitfor", "writetext",
            // Oracle's reserved words beyond those
            "access", "audit", "cluster", "comment", "compress", "exclusive", "identified", "immediate", "increment",
            "initial", "level", "maxextents", "minus", "mlslabel", "mode", "modify", "noaudit", "nocompress",
            "nowait", "number", "offline", "online", "pctfree", "prior", "privileges", "raw", "resource", "rowid",
            "rownum", "session", "share", "size", "successful", "synonym", "sysdate", "uid", "validate", "varchar2",
            // Snowflake's reserved words beyond those
            "account", "asof", "connection", "following", "gscluster", "issue", "localtimestamp", "match_condition",
            "organization", "qualify", "regexp", "sample", "try_cast",
            // BigQuery's reserved words beyond those
            "assert_rows_modified", "define", "enum", "exclude", "extract", "hash", "lookup", "nulls", "preceding",
            "proto", "respect", "struct", "unbounded"));
    // CHECKSTYLE.ON: LineLength

    private SqlReservedWords() {
    }

    static boolean isReserved(String lowerCaseName) {
        return WORDS.contains(lowerCaseName);
    }
}
