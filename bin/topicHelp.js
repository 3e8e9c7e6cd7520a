// `outcomes` and `help outcomes` print the topic's commands, as `outcomes --help` does. In the sf CLI,
// @oclif/plugin-help and sf's own hooks do this; run alone (bin/dev.js, bin/run.js), the plugin has neither: with
// flexibleTaxonomy oclif looks for a command called "outcomes", finds none and says "command not found".

/** The arguments to run: a topic (or `help` and a topic or command) becomes `<words> --help`; anything else stays. */
export function topicHelpArgs(args, config) {
  const asksHelp = args[0] === 'help';
  const words = asksHelp ? args.slice(1) : args;
  if (words.length === 0 || words.some((w) => w.startsWith('-'))) return asksHelp ? ['--help', ...words] : args;
  const id = words.join(':');
  if (config.findCommand(id)) return asksHelp ? [...words, '--help'] : args;
  return config.findTopic(id) ? [...words, '--help'] : args;
}
