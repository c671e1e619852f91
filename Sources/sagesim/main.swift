import SageCLI

SageSimCommand.main()
