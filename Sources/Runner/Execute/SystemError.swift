import Notebook

/// OS errors in nb's one wording, for modules that see Runner but not Notebook (Operations).
public typealias SystemError = Notebook.SystemError
