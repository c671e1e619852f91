import SageCLI

await SageSimCommand.start()
