using System.Diagnostics.CodeAnalysis;
using OneOf;

namespace Verification.Core;

/// <summary>What kind of expected failure a <see cref="Failure"/> is; hosts map it to a status code.</summary>
public enum FailureKind
{
    /// <summary>The input breaks a rule (HTTP 400).</summary>
    Invalid,

    /// <summary>The target does not exist or is not visible to the caller (HTTP 404).</summary>
    NotFound,

    /// <summary>The target changed or already exists (HTTP 409).</summary>
    Conflict,

    /// <summary>The caller may not do this (HTTP 403).</summary>
    Forbidden,

    /// <summary>The content is of a type the product does not accept (HTTP 415).</summary>
    Unsupported,

    /// <summary>The content is over a configured limit (HTTP 413).</summary>
    TooLarge,

    /// <summary>A dependency the operation needs is not available right now (HTTP 503).</summary>
    Unavailable,
}

/// <summary>
/// An expected failure: a stable machine <see cref="Code"/> (such as <c>file.too_large</c>), a human
/// <see cref="Detail"/> that never contains personal data, and its <see cref="Kind"/>.
/// </summary>
/// <param name="Code">Stable machine code, dotted lower case.</param>
/// <param name="Detail">Explanation for a developer; no personal data.</param>
/// <param name="Kind">Category of the failure.</param>
public sealed record Failure(string Code, string Detail, FailureKind Kind)
{
    /// <summary>Creates an <see cref="FailureKind.Invalid"/> failure.</summary>
    public static Failure Invalid(string code, string detail) => new(code, detail, FailureKind.Invalid);

    /// <summary>Creates a <see cref="FailureKind.NotFound"/> failure.</summary>
    public static Failure NotFound(string code, string detail) => new(code, detail, FailureKind.NotFound);

    /// <summary>Creates a <see cref="FailureKind.Conflict"/> failure.</summary>
    public static Failure Conflict(string code, string detail) => new(code, detail, FailureKind.Conflict);

    /// <summary>Creates a <see cref="FailureKind.Forbidden"/> failure.</summary>
    public static Failure Forbidden(string code, string detail) => new(code, detail, FailureKind.Forbidden);

    /// <summary>Creates an <see cref="FailureKind.Unsupported"/> failure.</summary>
    public static Failure Unsupported(string code, string detail) => new(code, detail, FailureKind.Unsupported);

    /// <summary>Creates a <see cref="FailureKind.TooLarge"/> failure.</summary>
    public static Failure TooLarge(string code, string detail) => new(code, detail, FailureKind.TooLarge);

    /// <summary>Creates an <see cref="FailureKind.Unavailable"/> failure.</summary>
    public static Failure Unavailable(string code, string detail) => new(code, detail, FailureKind.Unavailable);
}

/// <summary>
/// The result of an operation that can fail in an expected way: either a value or a <see cref="Failure"/>.
/// Built on <see cref="OneOfBase{T0, T1}"/>, so <c>Match</c>, <c>Switch</c>, <c>TryPickT0</c> and
/// <c>IsT0</c>/<c>AsT1</c> work as they do on any <c>OneOf</c>; <see cref="IsSuccess"/>, <see cref="Value"/>,
/// <see cref="Failure"/> and <see cref="TryGetValue"/> name the two cases. Exceptions remain for misuse only.
/// </summary>
/// <typeparam name="T">The success value.</typeparam>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Factories mirror OneOf's FromT0/FromT1.")]
public sealed class Outcome<T> : OneOfBase<T, Failure>
{
    private Outcome(OneOf<T, Failure> input)
        : base(input)
    {
    }

    /// <summary>Whether this outcome holds a value (OneOf's <c>IsT0</c>).</summary>
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => IsT0;

    /// <summary>The value; throws when the outcome is a failure (misuse). Hides OneOf's untyped <c>Value</c>.</summary>
    public new T Value => IsT0
        ? AsT0
        : throw new InvalidOperationException($"The outcome is a failure ({AsT1.Code}); check IsSuccess or use Match.");

    /// <summary>The failure, or <see langword="null"/> on success.</summary>
    public Failure? Failure => IsT1 ? AsT1 : null;

    /// <summary>Creates a successful outcome.</summary>
    public static Outcome<T> Success(T value) => new(OneOf<T, Failure>.FromT0(value));

    /// <summary>Creates a failed outcome.</summary>
    public static Outcome<T> Fail(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new(OneOf<T, Failure>.FromT1(failure));
    }

    /// <summary>Wraps a value.</summary>
    public static implicit operator Outcome<T>(T value) => Success(value);

    /// <summary>Wraps a failure.</summary>
    public static implicit operator Outcome<T>(Failure failure) => Fail(failure);

    /// <summary>Gets the value or the failure without throwing (OneOf's <c>TryPickT0</c> with nullability annotations).</summary>
    public bool TryGetValue([MaybeNullWhen(false)] out T value, [NotNullWhen(false)] out Failure? failure)
    {
        var success = TryPickT0(out value, out var remainder);
        failure = success ? null : remainder;
        return success;
    }

    /// <summary>Maps the value, keeping a failure as it is.</summary>
    public Outcome<TOther> Map<TOther>(Func<T, TOther> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return IsT0 ? Outcome<TOther>.Success(map(AsT0)) : Outcome<TOther>.Fail(AsT1);
    }

    /// <inheritdoc />
    public override string ToString() => IsT0 ? $"Success({AsT0})" : $"Failure({AsT1.Code})";
}

/// <summary>The unit value, for outcomes that carry no value on success.</summary>
public readonly record struct Unit
{
    /// <summary>The only value.</summary>
    public static readonly Unit Value;
}
