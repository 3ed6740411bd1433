package io.kcg.genesys.demo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The user docs in the repository: every relative link of README.md, CHANGELOG.md and docs/*.md reaches a file or
 * directory (and a heading, for a link with an anchor), and docs/README.md lists every page. PluginPackageIT checks
 * the same links inside the plugin zip.
 */
class DocLinksTest {
    static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();

    static List<String> pages() throws IOException {
        List<String> pages = new ArrayList<>();
        pages.add("README.md");
        pages.add("CHANGELOG.md");
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.map(p -> "docs/" + p.getFileName()).filter(n -> n.endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    static String read(String relative) {
        try {
            return Files.readString(ROOT.resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyRelativeLinkOfTheDocsResolvesInTheRepository() throws IOException {
        List<String> problems = new ArrayList<>();
        int links = 0;
        for (String page : pages()) {
            for (MarkdownLinks.Link link : MarkdownLinks.relativeLinks(page, read(page))) {
                links++;
                String problem = MarkdownLinks.problem(link, p -> Files.isRegularFile(ROOT.resolve(p)),
                        p -> Files.isDirectory(ROOT.resolve(p)), DocLinksTest::read);
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }
        assertTrue(links > 50, "the docs have their links: " + links);
        assertEquals(List.of(), problems);
    }

    @Test
    void theDocsIndexListsEveryPage() throws IOException {
        List<String> linked = MarkdownLinks.relativeLinks("docs/README.md", read("docs/README.md")).stream()
                .map(MarkdownLinks.Link::target).toList();
        for (String page : pages()) {
            if (page.startsWith("docs/") && !page.equals("docs/README.md")) {
                assertTrue(linked.contains(page), "docs/README.md links " + page);
            }
        }
        assertTrue(read("README.md").contains("](docs/README.md)"), "the README links the docs index");
    }

    @Test
    void aBrokenLinkOrAnchorIsFound() {
        String page = "docs/example.md";
        List<MarkdownLinks.Link> links = MarkdownLinks.relativeLinks(page,
                "# Title\n\n## Offsets and rewinds\n\n[a](../README.md) [b](missing.md) [c](#offsets-and-rewinds) "
                        + "[d](#nowhere) [e](https://example.com/x.md) `[f](ignored.md)`\n\n```\n[g](ignored.md)\n```\n"
                        + "\n");
        assertEquals(List.of("README.md", "docs/missing.md", "docs/example.md", "docs/example.md"),
                links.stream().map(MarkdownLinks.Link::target).toList());
        String text = "# Title\n\n## Offsets and rewinds\n";
        List<String> problems = links.stream().map(link -> MarkdownLinks.problem(link,
                p -> p.equals("README.md") || p.equals("docs/example.md"), p -> false, p -> text)).toList();
        assertEquals(null, problems.get(0));
        assertFalse(problems.get(1) == null, "a missing page");
        assertEquals(null, problems.get(2));
        assertTrue(problems.get(3) != null && problems.get(3).contains("#nowhere"), "a missing anchor: " + problems.get(3));
    }
}
