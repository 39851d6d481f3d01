using System.Diagnostics.CodeAnalysis;

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
/// Shaped like <c>OneOf&lt;T, Failure&gt;</c> (<see cref="Match{TResult}"/>, <see cref="Switch"/>) so that
/// moving to that package is mechanical. Exceptions remain for misuse only.
/// </summary>
/// <typeparam name="T">The success value.</typeparam>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Factories mirror OneOf's FromT0/FromT1.")]
public readonly struct Outcome<T> : IEquatable<Outcome<T>>
{
    private readonly T? _value;
    private readonly Failure? _failure;

    private Outcome(T? value, Failure? failure)
    {
        _value = value;
        _failure = failure;
    }

    /// <summary>Whether this outcome holds a value.</summary>
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => _failure is null;

    /// <summary>The value; throws when the outcome is a failure (misuse).</summary>
    public T Value => _failure is null
        ? _value!
        : throw new InvalidOperationException($"The outcome is a failure ({_failure.Code}); check IsSuccess or use Match.");

    /// <summary>The failure, or <see langword="null"/> on success.</summary>
    public Failure? Failure => _failure;

    /// <summary>Creates a successful outcome.</summary>
    public static Outcome<T> Success(T value) => new(value, null);

    /// <summary>Creates a failed outcome.</summary>
    public static Outcome<T> Fail(Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new(default, failure);
    }

    /// <summary>Wraps a value.</summary>
    public static implicit operator Outcome<T>(T value) => Success(value);

    /// <summary>Wraps a failure.</summary>
    public static implicit operator Outcome<T>(Failure failure) => Fail(failure);

    /// <summary>Gets the value or the failure without throwing.</summary>
    public bool TryGetValue([MaybeNullWhen(false)] out T value, [NotNullWhen(false)] out Failure? failure)
    {
        value = _value;
        failure = _failure;
        return _failure is null;
    }

    /// <summary>Projects both cases to one result.</summary>
    public TResult Match<TResult>(Func<T, TResult> success, Func<Failure, TResult> failure)
    {
        ArgumentNullException.ThrowIfNull(success);
        ArgumentNullException.ThrowIfNull(failure);
        return _failure is null ? success(_value!) : failure(_failure);
    }

    /// <summary>Runs one of two actions.</summary>
    public void Switch(Action<T> success, Action<Failure> failure)
    {
        ArgumentNullException.ThrowIfNull(success);
        ArgumentNullException.ThrowIfNull(failure);
        if (_failure is null)
        {
            success(_value!);
        }
        else
        {
            failure(_failure);
        }
    }

    /// <summary>Maps the value, keeping a failure as it is.</summary>
    public Outcome<TOther> Map<TOther>(Func<T, TOther> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return _failure is null ? Outcome<TOther>.Success(map(_value!)) : Outcome<TOther>.Fail(_failure);
    }

    /// <inheritdoc />
    public bool Equals(Outcome<T> other) =>
        Equals(_failure, other._failure) && EqualityComparer<T?>.Default.Equals(_value, other._value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Outcome<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_value, _failure);

    /// <summary>Equality.</summary>
    public static bool operator ==(Outcome<T> left, Outcome<T> right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Outcome<T> left, Outcome<T> right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => _failure is null ? $"Success({_value})" : $"Failure({_failure.Code})";
}

/// <summary>The unit value, for outcomes that carry no value on success.</summary>
public readonly record struct Unit
{
    /// <summary>The only value.</summary>
    public static readonly Unit Value;
}
