namespace Realtime.Silo.Storage;

/// <summary>
/// Creates the folders and files that hold state and keys readable by the owner only (0700/0600 on Unix): the
/// SQLite file holds tenants' encrypted secrets and the key ring the keys that decrypt them.
/// </summary>
public static class OwnerOnly
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates <paramref name="path"/> (and missing parents) as 0700. An existing one is narrowed to 0700 only when
    /// <paramref name="narrowExisting"/>: a folder only this product uses (the key ring's), never one a user named
    /// for the file, which may be their working directory or /tmp.
    /// </summary>
    public static void Directory(string path, bool narrowExisting = false)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
            return;
        }

        if (!System.IO.Directory.Exists(path)) System.IO.Directory.CreateDirectory(path, DirectoryMode);
        else if (narrowExisting) System.IO.File.SetUnixFileMode(path, DirectoryMode);
    }

    /// <summary>Creates an empty <paramref name="path"/> as 0600 if missing, or narrows an existing one to it.</summary>
    public static void File(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        if (System.IO.File.Exists(path))
        {
            System.IO.File.SetUnixFileMode(path, FileMode);
            return;
        }

        using var created = new FileStream(path, new FileStreamOptions
        {
            Mode = System.IO.FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = FileMode,
        });
    }
}
