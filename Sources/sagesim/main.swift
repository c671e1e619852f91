print("sagesim")
