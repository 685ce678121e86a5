// Each run of the demo starts its own Azurite (a Node process) and simulator; one at a time on a 2-core agent.
[assembly: DoNotParallelize]
