// The altinn command-line tool. Commands arrive with the emulator and workflow packages.
Console.Error.WriteLine("altinn: no commands yet; the emulator and workflow commands arrive with their packages.");
return 2;
