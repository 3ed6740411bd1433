package io.kcg.genesys.source;

import io.kcg.genesys.client.GenesysClientConfig;
import io.kcg.genesys.config.GenesysSourceConfig;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connector divides one OAuth client's limit among its tasks: the shares add up to the limit (so a cluster of
 * workers stays within it wherever the tasks run), follow the queries each task carries, and are re-divided when the
 * task configs are regenerated.
 */
class TaskRateSharesTest {

    private static Map<String, String> props(int queries, int limit) {
        Map<String, String> props = new HashMap<>(ConnectorValidateTest.valid());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < queries; i++) {
            String name = "q" + i;
            names.add(name);
            props.put("query." + name + ".body", props.get("query.queues.body"));
            props.put("query." + name + ".start", "P30D");
        }
        props.put("queries", String.join(",", names));
        props.put("genesys.rate.limit.per.minute", Integer.toString(limit));
        return props;
    }

    private static List<Map<String, String>> taskConfigs(Map<String, String> props, int maxTasks) {
        GenesysAggregatesSourceConnector connector = new GenesysAggregatesSourceConnector();
        connector.start(props);
        return connector.taskConfigs(maxTasks);
    }

    private static int share(Map<String, String> taskConfig) {
        return Integer.parseInt(taskConfig.get(GenesysAggregatesSourceTask.TASK_RATE_LIMIT));
    }

    private static int queries(Map<String, String> taskConfig) {
        return taskConfig.get(GenesysAggregatesSourceTask.TASK_QUERIES).split(",").length;
    }

    @ParameterizedTest(name = "{0} queries over at most {1} tasks, limit {2}")
    @CsvSource({"6, 3, 300", "7, 3, 300", "50, 3, 300", "5, 8, 180", "3, 3, 2", "1, 1, 1", "10, 4, 7"})
    void theSharesAddUpToTheLimitAndFollowTheQueriesOfEachTask(int queries, int maxTasks, int limit) {
        List<Map<String, String>> configs = taskConfigs(props(queries, limit), maxTasks);
        assertEquals(Math.min(Math.min(queries, maxTasks), limit), configs.size(), "tasks");
        int sum = 0;
        for (Map<String, String> config : configs) {
            assertTrue(share(config) >= 1, "every task gets a share: " + config);
            sum += share(config);
        }
        assertEquals(limit, sum, "the shares of all tasks add up to the OAuth client's limit");
        for (Map<String, String> a : configs) {
            for (Map<String, String> b : configs) {
                if (queries(a) > queries(b)) {
                    assertTrue(share(a) >= share(b), "a task with more queries never gets less");
                }
                if (queries(a) == queries(b)) {
                    assertTrue(Math.abs(share(a) - share(b)) <= 1, "equal tasks, equal shares (within rounding)");
                }
            }
        }
    }

    @Test
    void regeneratedTaskConfigsReDivideTheLimit() {
        assertEquals(List.of(100, 100, 100), shares(taskConfigs(props(6, 300), 3)));
        assertEquals(List.of(150, 150), shares(taskConfigs(props(6, 300), 2)), "fewer tasks: larger shares");
        assertEquals(List.of(128, 86, 86), shares(taskConfigs(props(7, 300), 3)), "3, 2 and 2 queries");
        assertEquals(List.of(60, 60, 60), shares(taskConfigs(props(6, 180), 3)), "a lower limit");
        assertEquals(List.of(300), shares(taskConfigs(props(1, 300), 3)), "one query, one task, the whole limit");
    }

    @Test
    void divideGivesTheRoundingToTheLargestRemainders() {
        assertArrayEquals(new int[] {34, 33, 33}, RateShares.divide(100, new int[] {1, 1, 1}));
        assertArrayEquals(new int[] {1, 1, 1}, RateShares.divide(3, new int[] {5, 1, 1}), "nobody below one");
        assertArrayEquals(new int[] {2, 1, 1}, RateShares.divide(4, new int[] {5, 1, 1}));
        assertEquals(7, Arrays.stream(RateShares.divide(7, new int[] {3, 3, 2, 2})).sum());
    }

    @Test
    void aTaskPacesAtItsShareOnItsOwnAndRefusesAShareItCannotHave() {
        Map<String, String> config = taskConfigs(props(6, 300), 3).get(0);
        GenesysClientConfig client = ClientSettings.forTask(
                new GenesysSourceConfig(config), config.get(GenesysAggregatesSourceTask.TASK_RATE_LIMIT),
                "connector/q0,q3");
        assertEquals(100, client.requestsPerMinute());
        assertEquals(300, client.clientRequestsPerMinute());
        assertEquals("connector/q0,q3", client.rateLimitScope());
        GenesysClientConfig old = ClientSettings.forTask(
                new GenesysSourceConfig(config), null, "connector/q0,q3");
        assertEquals(300, old.requestsPerMinute(), "a task config from before shares paces with the whole limit");
        assertEquals(null, old.rateLimitScope());
        for (String bad : List.of("0", "301", "lots")) {
            assertThrows(ConnectException.class, () -> ClientSettings.forTask(
                    new GenesysSourceConfig(config), bad, "connector/q0,q3"), bad);
        }
    }

    private static List<Integer> shares(List<Map<String, String>> configs) {
        return configs.stream().map(TaskRateSharesTest::share).toList();
    }
}
