package io.kcg.genesys.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of the user docs (README.md and docs/*.md) and whether each one resolves: to a file or a
 * directory of a tree (the repository, or the plugin zip's doc/), and, for a link with #anchor into a Markdown page,
 * to a heading of that page as GitHub names its anchors.
 */
final class MarkdownLinks {
    private static final Pattern FENCED_BLOCK = Pattern.compile("(?ms)^```.*?^```");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");

    /** One link: the page it is in (relative to the docs' root, e.g. docs/cli.md), its target, its anchor or null. */
    record Link(String page, String text, String target, String anchor) {
        @Override
        public String toString() {
            return page + ": (" + text + ")";
        }
    }

    private MarkdownLinks() {
    }

    /**
     * The relative links of {@code markdown}, a page at {@code page} (a path relative to the docs' root, with '/'),
     * targets resolved against the page's directory; links to other sites (scheme:) are left out, and so is text in
     * code (fenced or inline), where brackets are not links.
     */
    static List<Link> relativeLinks(String page, String markdown) {
        String prose = INLINE_CODE.matcher(FENCED_BLOCK.matcher(markdown).replaceAll("")).replaceAll("");
        List<Link> links = new ArrayList<>();
        Matcher m = LINK.matcher(prose);
        while (m.find()) {
            String text = m.group(1);
            if (text.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                continue;
            }
            int hash = text.indexOf('#');
            String path = hash < 0 ? text : text.substring(0, hash);
            String anchor = hash < 0 ? null : text.substring(hash + 1);
            String target = path.isEmpty() ? page : resolve(page, path);
            links.add(new Link(page, text, target, anchor));
        }
        return links;
    }

    /**
     * What is wrong with {@code link} in a tree where {@code isFile} tells files, {@code isDirectory} directories
     * and {@code read} gives a Markdown page's text; null when it resolves.
     */
    static String problem(Link link, Predicate<String> isFile, Predicate<String> isDirectory,
                          Function<String, String> read) {
        String target = link.target();
        if (target.startsWith("../")) {
            return link + " points outside the docs' root";
        }
        if (isFile.test(target)) {
            if (link.anchor() != null && target.endsWith(".md") && !anchors(read.apply(target)).contains(link.anchor())) {
                return link + ": " + target + " has no heading with the anchor #" + link.anchor();
            }
            return null;
        }
        if (isDirectory.test(target.endsWith("/") ? target : target + "/")) {
            return null;
        }
        return link + ": " + target + " does not exist";
    }

    /** The anchors GitHub gives the headings of {@code markdown}: lower case, punctuation dropped, spaces as '-'. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        Matcher m = HEADING.matcher(FENCED_BLOCK.matcher(markdown).replaceAll(""));
        while (m.find()) {
            String slug = m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            String unique = slug;
            for (int n = 1; !anchors.add(unique); n++) {
                unique = slug + "-" + n;
            }
        }
        return anchors;
    }

    private static String resolve(String page, String path) {
        Path dir = Path.of(page).getParent();
        Path resolved = (dir == null ? Path.of(path) : dir.resolve(path)).normalize();
        String text = resolved.toString().replace('\\', '/');
        return path.endsWith("/") && !text.endsWith("/") ? text + "/" : text;
    }
}
