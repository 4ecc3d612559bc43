// The action, as a function: read the run's facts and inputs, run the command, publish its
// report. `src/index.ts` calls it; tools such as @github/local-action import it.
import { runCommand } from './run.ts';
import { gitHubClient } from './github/client.ts';
import { actionsLog } from './github/log.ts';
import { credentialHooks, maskSecret } from './github/oidc.ts';
import { publish } from './github/publish.ts';
import { readRunFacts, readRunInputs } from './run-context.ts';

export const run = async (): Promise<void> => {
  const facts = readRunFacts();
  const inputs = readRunInputs();
  const token = inputs.ok ? inputs.inputs.githubToken : '';
  if (token) maskSecret(token);
  const github = token && facts.repository ? gitHubClient(token) : undefined;
  const services = { log: actionsLog, github, credentials: credentialHooks(facts.idTokenAvailable) };
  const report = await runCommand(facts, inputs, services);
  await publish(report, {
    outputDir: facts.outputDir,
    jobSummary: facts.jobSummary,
    repository: facts.repository,
    github,
    log: actionsLog,
    runUrl: facts.runUrl,
  });
};
