using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Verification.Core.Verifications;

namespace Verification.Core.Protection;

/// <summary>
/// Encrypts the personal data of verifications at rest (envelope encryption, AES-256-GCM):
/// <list type="bullet">
/// <item>each verification has a random data key, kept only wrapped by a master key
/// (<see cref="VerificationFolder.WrappedDataKey"/>); archiving destroys it, which makes every copy of the
/// ciphertext (backups, WAL, free pages) unreadable;</item>
/// <item>identity attributes are sealed under the data key, bound to their analysis;</item>
/// <item>each document file is sealed under its own random key, itself wrapped by the data key and bound
/// to the file (<see cref="DocumentFile.WrappedKey"/>), so a file can be encrypted before its verification
/// is known and joined to whichever verification wins a race;</item>
/// <item>names are searchable through a blind index: keyed hashes of normalised name words, never the words.</item>
/// </list>
/// Every ciphertext carries the purpose and id it was made for as associated data, so a value moved to
/// another row does not decrypt.
/// </summary>
public sealed class VerificationProtector
{
    /// <summary>The prefix of a secret protected by <see cref="ProtectSecret"/> (a legacy secret in clear never starts with it).</summary>
    public const string ProtectedSecretPrefix = "mk1:";

    private const byte FormatVersion = 1;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int KeyLength = 32;
    private static readonly JsonSerializerOptions FieldsJson = new(JsonSerializerDefaults.Web);

    private readonly IMasterKeyProvider _keys;
    private readonly ConcurrentDictionary<string, byte[]> _indexKeys = new(StringComparer.Ordinal);

    /// <summary>Creates the protector over a master key provider.</summary>
    public VerificationProtector(IMasterKeyProvider keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
    }

    /// <summary>Gives a verification its data key if it has none yet (and is not archived).</summary>
    public void EnsureDataKey(VerificationFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (folder.WrappedDataKey is not null || folder.ArchivedAt is not null)
        {
            return;
        }

        var dataKey = RandomNumberGenerator.GetBytes(KeyLength);
        try
        {
            folder.WrappedDataKey = Wrap(_keys.Current, folder.Id, dataKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>
    /// Re-wraps the data key of <paramref name="folder"/> under the current master key when it was wrapped under
    /// another; answers whether it changed. The sealed data stays as it is: only the wrapping changes.
    /// </summary>
    public bool RewrapDataKey(VerificationFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (folder.WrappedDataKey is not { } wrapped || string.Equals(MasterKeyIdOf(wrapped), _keys.Current.Id, StringComparison.Ordinal))
        {
            return false;
        }

        var dataKey = Unwrap(folder.Id, wrapped);
        try
        {
            folder.WrappedDataKey = Wrap(_keys.Current, folder.Id, dataKey);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>Whether a wrapped data key needs <see cref="RewrapDataKey"/>: it was wrapped under another master key than the current one.</summary>
    public bool DataKeyNeedsRewrap(byte[]? wrappedDataKey) =>
        wrappedDataKey is not null && !string.Equals(MasterKeyIdOf(wrappedDataKey), _keys.Current.Id, StringComparison.Ordinal);

    /// <summary>
    /// Protects a secret the product must be able to read back (a webhook signing secret, a token or certificate
    /// signing key) under the current master key, bound to <paramref name="purpose"/> and <paramref name="id"/>:
    /// the answer is <see cref="ProtectedSecretPrefix"/> followed by base64 of the wrapped value, and names its
    /// master key, so keys rotate as data keys do.
    /// </summary>
    public string ProtectSecret(string purpose, string id, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(secret);
        var plaintext = Encoding.UTF8.GetBytes(secret);
        try
        {
            return ProtectedSecretPrefix + Convert.ToBase64String(Wrap(_keys.Current, "secret/" + purpose, id, plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>
    /// Reads a secret stored by <see cref="ProtectSecret"/>. A value without <see cref="ProtectedSecretPrefix"/> was
    /// stored in clear by an earlier version and is answered as it is (it keeps working until it is re-wrapped).
    /// Throws when the value was altered, moved to another purpose or id, or its master key is not configured.
    /// </summary>
    public string UnprotectSecret(string purpose, string id, string stored)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(stored);
        if (!IsProtectedSecret(stored))
        {
            return stored;
        }

        var wrapped = Convert.FromBase64String(stored[ProtectedSecretPrefix.Length..]);
        var plaintext = Unwrap("secret/" + purpose, id, wrapped);
        try
        {
            return Encoding.UTF8.GetString(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Whether a stored secret is protected (<see cref="ProtectSecret"/>) rather than a legacy value in clear.</summary>
    public static bool IsProtectedSecret(string? stored) =>
        stored is not null && stored.StartsWith(ProtectedSecretPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Whether a stored secret needs re-protecting: it is in clear (stored by an earlier version), or protected
    /// under another master key than the current one.
    /// </summary>
    public bool SecretNeedsRewrap(string? stored)
    {
        if (stored is null)
        {
            return false;
        }

        if (!IsProtectedSecret(stored))
        {
            return true;
        }

        var wrapped = Convert.FromBase64String(stored[ProtectedSecretPrefix.Length..]);
        return !string.Equals(MasterKeyIdOf(wrapped), _keys.Current.Id, StringComparison.Ordinal);
    }

    /// <summary>The id of the master key a wrapped data key was wrapped with.</summary>
    public static string MasterKeyIdOf(ReadOnlySpan<byte> wrappedDataKey)
    {
        if (wrappedDataKey.Length < 2 || wrappedDataKey[0] != FormatVersion || wrappedDataKey.Length < 2 + wrappedDataKey[1])
        {
            throw new CryptographicException("Not a wrapped data key.");
        }

        return Encoding.UTF8.GetString(wrappedDataKey.Slice(2, wrappedDataKey[1]));
    }

    /// <summary>Seals the identity attributes of an analysis; <see langword="null"/> when there are none.</summary>
    public byte[]? SealFields(VerificationFolder folder, string analysisId, ExtractedFields fields)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Equals(ExtractedFields.Empty))
        {
            return null;
        }

        EnsureDataKey(folder);
        if (folder.WrappedDataKey is null)
        {
            throw new InvalidOperationException("An archived verification holds no personal data.");
        }

        var dataKey = Unwrap(folder.Id, folder.WrappedDataKey);
        try
        {
            return Seal(dataKey, JsonSerializer.SerializeToUtf8Bytes(fields, FieldsJson), "fields", analysisId);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>
    /// Opens sealed identity attributes. Answers <see cref="ExtractedFields.Empty"/> when there are none or the
    /// data key was destroyed (archived); throws when the ciphertext was altered or its master key is unknown.
    /// </summary>
    public ExtractedFields OpenFields(string folderId, byte[]? wrappedDataKey, string analysisId, byte[]? sealedFields)
    {
        ArgumentException.ThrowIfNullOrEmpty(folderId);
        if (sealedFields is null || wrappedDataKey is null)
        {
            return ExtractedFields.Empty;
        }

        var dataKey = Unwrap(folderId, wrappedDataKey);
        try
        {
            var json = Open(dataKey, sealedFields, "fields", analysisId);
            return JsonSerializer.Deserialize<ExtractedFields>(json, FieldsJson) ?? ExtractedFields.Empty;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>
    /// Seals the client's name of a document file (personal data: it often holds the customer's name) under the
    /// verification's data key, bound to <paramref name="fileId"/>; <see langword="null"/> when there is none.
    /// </summary>
    public byte[]? SealFileName(VerificationFolder folder, string fileId, string? name)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentException.ThrowIfNullOrEmpty(fileId);
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        EnsureDataKey(folder);
        var dataKey = Unwrap(folder.Id, folder.WrappedDataKey ?? throw new InvalidOperationException("An archived verification holds no personal data."));
        try
        {
            return Seal(dataKey, Encoding.UTF8.GetBytes(name), "file-name", fileId);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>Opens a sealed file name; <see langword="null"/> when there is none or the data key was destroyed (archived).</summary>
    public string? OpenFileName(string folderId, byte[]? wrappedDataKey, string fileId, byte[]? sealedName)
    {
        ArgumentException.ThrowIfNullOrEmpty(folderId);
        if (sealedName is null || wrappedDataKey is null)
        {
            return null;
        }

        var dataKey = Unwrap(folderId, wrappedDataKey);
        try
        {
            return Encoding.UTF8.GetString(Open(dataKey, sealedName, "file-name", fileId));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>Encrypts a document file under a fresh file key, bound to <paramref name="fileId"/>.</summary>
    public static SealedFile SealFile(string fileId, ReadOnlySpan<byte> content)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileId);
        var fileKey = RandomNumberGenerator.GetBytes(KeyLength);
        return new SealedFile(fileKey, Seal(fileKey, content, "file", fileId));
    }

    /// <summary>Wraps a file key under the data key of the verification the file joins.</summary>
    public void AttachFileKey(VerificationFolder folder, DocumentFile file, byte[] fileKey)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(fileKey);
        EnsureDataKey(folder);
        var dataKey = Unwrap(folder.Id, folder.WrappedDataKey ?? throw new InvalidOperationException("An archived verification takes no file."));
        try
        {
            file.WrappedKey = Seal(dataKey, fileKey, "file-key", file.Id);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>
    /// Decrypts a stored document file; <see langword="null"/> when its keys were destroyed (archived) or it was
    /// stored without protection. Throws when the content was altered.
    /// </summary>
    public byte[]? OpenFile(VerificationFolder folder, DocumentFile file, ReadOnlySpan<byte> content)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(file);
        if (folder.WrappedDataKey is null || file.WrappedKey is null)
        {
            return null;
        }

        var dataKey = Unwrap(folder.Id, folder.WrappedDataKey);
        byte[]? fileKey = null;
        try
        {
            fileKey = Open(dataKey, file.WrappedKey, "file-key", file.Id);
            return Open(fileKey, content, "file", file.Id);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
            if (fileKey is not null)
            {
                CryptographicOperations.ZeroMemory(fileKey);
            }
        }
    }

    /// <summary>
    /// The blind index of the names in <paramref name="fields"/> (surname, given names, account holder): keyed
    /// hashes of each normalised word, space separated and space framed, so that a word is found with
    /// <c>LIKE '% token %'</c>. <see langword="null"/> when there is no name.
    /// </summary>
    public string? NameIndex(ExtractedFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var words = NameWords($"{fields.LastName} {fields.FirstName} {fields.HolderName}").Distinct(StringComparer.Ordinal).ToList();
        if (words.Count == 0)
        {
            return null;
        }

        var key = IndexKey(_keys.Current);
        return " " + string.Join(' ', words.Select(w => Token(key, w))) + " ";
    }

    /// <summary>
    /// The index tokens a name word may have been stored under, one per known master key (so that names indexed
    /// before a rotation are still found), each space framed. Empty when the text holds no name word.
    /// </summary>
    public IReadOnlyList<string> NameTokens(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var normalised = NameWords(word).ToList();
        if (normalised.Count != 1)
        {
            return [];
        }

        return _keys.All.Select(k => " " + Token(IndexKey(k), normalised[0]) + " ").Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Splits a name into upper-case words without diacritics: "Lefèvre-Dupont" gives LEFEVRE, DUPONT.</summary>
    public static IEnumerable<string> NameWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(char.IsLetter(c) ? char.ToUpperInvariant(c) : ' ');
        }

        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private byte[] IndexKey(MasterKey master) =>
        _indexKeys.GetOrAdd(master.Id, _ => HMACSHA256.HashData(master.Material, "verification/name-index/v1"u8));

    private static string Token(byte[] key, string word) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(word)).AsSpan(0, 12));

    private static byte[] Wrap(MasterKey master, string folderId, ReadOnlySpan<byte> dataKey) => Wrap(master, "data-key", folderId, dataKey);

    private static byte[] Wrap(MasterKey master, string purpose, string boundId, ReadOnlySpan<byte> value)
    {
        var id = Encoding.UTF8.GetBytes(master.Id);
        var sealedKey = Seal(master.Material, value, purpose, boundId);
        var wrapped = new byte[2 + id.Length + sealedKey.Length];
        wrapped[0] = FormatVersion;
        wrapped[1] = (byte)id.Length;
        id.CopyTo(wrapped, 2);
        sealedKey.CopyTo(wrapped, 2 + id.Length);
        return wrapped;
    }

    private byte[] Unwrap(string folderId, byte[] wrapped) => Unwrap("data-key", folderId, wrapped);

    private byte[] Unwrap(string purpose, string boundId, byte[] wrapped)
    {
        var keyId = MasterKeyIdOf(wrapped);
        var master = _keys.Find(keyId)
                     ?? throw new InvalidOperationException($"The master key '{keyId}' that wraps this value ({purpose}) is not configured ({ProtectionOptions.SectionName}:MasterKeys).");
        return Open(master.Material, wrapped.AsSpan(2 + wrapped[1]), purpose, boundId);
    }

    private static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, string purpose, string id)
    {
        var output = new byte[1 + NonceLength + plaintext.Length + TagLength];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagLength);
        aes.Encrypt(nonce, plaintext, output.AsSpan(1 + NonceLength, plaintext.Length), output.AsSpan(1 + NonceLength + plaintext.Length), Context(purpose, id));
        return output;
    }

    private static byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedValue, string purpose, string id)
    {
        if (sealedValue.Length < 1 + NonceLength + TagLength || sealedValue[0] != FormatVersion)
        {
            throw new CryptographicException("Not a sealed value of a known format.");
        }

        var length = sealedValue.Length - 1 - NonceLength - TagLength;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key, TagLength);
        aes.Decrypt(sealedValue.Slice(1, NonceLength), sealedValue.Slice(1 + NonceLength, length), sealedValue[^TagLength..], plaintext, Context(purpose, id));
        return plaintext;
    }

    private static byte[] Context(string purpose, string id)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(purpose) + 1 + Encoding.UTF8.GetByteCount(id) + 4];
        var written = Encoding.UTF8.GetBytes(purpose, bytes);
        bytes[written++] = (byte)':';
        written += Encoding.UTF8.GetBytes(id, bytes.AsSpan(written));
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(written), FormatVersion);
        return bytes;
    }
}

/// <summary>A document file encrypted by <see cref="VerificationProtector.SealFile"/>.</summary>
/// <param name="FileKey">The file's key, to wrap under its verification's data key; zero it once wrapped.</param>
/// <param name="Content">The encrypted bytes, for the blob store.</param>
public sealed record SealedFile(byte[] FileKey, byte[] Content);
