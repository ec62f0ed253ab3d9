namespace Realtime.Emulator.Errors;

/// <summary>
/// Either a value or the OpenAI error that refuses the request. Lets the pure parts (body reading,
/// validation) say "no" without exceptions, and lets them write <c>return OpenAIError.X(…)</c>.
/// </summary>
internal sealed class Outcome<T>
{
    private Outcome(T? value, OpenAIError? error) => (Value, Error) = (value, error);

    public T? Value { get; }

    public OpenAIError? Error { get; }

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(OpenAIError error) => new(default, error);
}
