using Microsoft.Data.Sqlite;

namespace Realtime.Silo.Storage;

/// <summary>The primary key of a grain_state row, and the parameters that select it.</summary>
internal readonly record struct StateKey(string GrainType, string GrainId, string StateName)
{
    /// <summary>The condition on the key, to follow <c>WHERE</c>; its values come from <see cref="Command"/>.</summary>
    public const string Where = "grain_type = $grain_type AND grain_id = $grain_id AND state_name = $state_name";

    public static StateKey From(GrainId grainId, string stateName) =>
        new(grainId.Type.ToString()!, grainId.Key.ToString()!, stateName);

    /// <summary>A command with <paramref name="sql"/> and this key's values bound.</summary>
    public SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$grain_type", GrainType);
        command.Parameters.AddWithValue("$grain_id", GrainId);
        command.Parameters.AddWithValue("$state_name", StateName);
        return command;
    }

    public override string ToString() => $"{GrainType}/{GrainId} ({StateName})";
}
