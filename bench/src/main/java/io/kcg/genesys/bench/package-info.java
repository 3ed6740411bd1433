/** Benchmarks of the connector: flatten throughput, end to end into Kafka, API efficiency. Run with bench/run. */
package io.kcg.genesys.bench;
