// A second (and third) app process for the race test: runs one token sweep against the shared
// database and prints its report as JSON.
import { runTokenSweep } from "../../../app/accounts/renewal.server";

const report = await runTokenSweep({ workerId: process.env.WORKER_ID, concurrency: 4, batchSize: 10 });
console.log(JSON.stringify(report.results));
