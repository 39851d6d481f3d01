using System.Globalization;
using Bogus;
using Microsoft.Extensions.Options;
using Verification.Core;
using Verification.Core.Submissions;
using Verification.Core.Certificates;
using Verification.Core.Documents;
using Verification.Core.Protection;
using Verification.Core.Reading;
using Verification.Core.Stores;
using Verification.Core.Verifications;
using Verification.SpecimenBuilders;

namespace ReferenceHost.Bootstrap;

/// <summary>
/// Demo verifications that tell the truth: for each customer (European names, accents included) documents are
/// generated (a passport, an identity card or a French card of 1988-2021, and a bank-details PDF) and sent through
/// the product's own pipeline (<see cref="DocumentAnalysisService"/>, the reader, the checks, the store), dated over
/// the last three weeks. Every status, control, field and picture on screen is what the product computed from those
/// files. Some documents are made to fail a check the way real ones do (expired, altered, someone else's, the zone
/// cut off). Some analyses are then decided through <see cref="VerificationManager"/>, with their certificates.
/// <para>
/// Without ImageMagick and the OCR-B font no photo can be drawn, and without the reader (Tesseract) nothing can be
/// read from a file: identity documents are then sent as their zone's text (what an app that reads the zone on the
/// device sends), and the bank-details PDFs are stored unread for an analyst, as the service does without a reader.
/// The seed logs why and seeds what it can; it never stops the start.
/// </para>
/// </summary>
internal sealed partial class DemoData(IServiceScopeFactory scopes, DemoOptions options, TimeProvider timeProvider, ILogger<DemoData> logger)
{
    private const string Actor = "service:demo";
    private static readonly string[] Locales = ["fr", "de", "es", "it", "pt_PT", "nl", "pl", "sv"];
    private static readonly string[] Nationalities = ["FRA", "D", "ESP", "ITA", "PRT", "NLD", "POL", "SWE"];
    private static readonly string[] Departments = ["retail", "corporate", "private_banking"];
    private static readonly string[] IdentitySources = ["vkyc", "branch_scan", "vkyc", "doc_service"];

    public async Task<int> SeedIfEmptyAsync(string tenantId, int count, CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            await foreach (var _ in scope.ServiceProvider.GetRequiredService<IVerificationStore>().ListAsync(new VerificationQuery { TenantId = tenantId, Limit = 1 }, cancellationToken))
            {
                return 0;
            }
        }

        var started = timeProvider.GetTimestamp();
        var (canDraw, drawDetail) = options.Photos ? DemoDocuments.PhotoSupport() : (false, "Verification:Demo:Photos is false");
        IDocumentReader? reader;
        await using (var scope = scopes.CreateAsyncScope())
        {
            reader = scope.ServiceProvider.GetService<IDocumentReader>();
        }

        var canRead = reader?.Availability.IsAvailable == true;
        if (!canDraw)
        {
            LogNoPhotos(logger, drawDetail);
        }

        if (!canRead)
        {
            LogNoReader(logger, reader?.Availability.Detail ?? "no document reader is registered");
        }

        var now = timeProvider.GetUtcNow();
        var mode = new SeedMode(canDraw, canRead ? reader : null);
        var seeded = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, count), parallel, async (i, ct) =>
        {
            if (await SeedCustomerAsync(tenantId, i, now, mode, ct).ConfigureAwait(false))
            {
                Interlocked.Increment(ref seeded);
            }
        }).ConfigureAwait(false);

        var seconds = timeProvider.GetElapsedTime(started).TotalSeconds;
        LogSeedTime(logger, seeded, seconds);
        return seeded;
    }

    // One customer: its documents are drawn, submitted one after the other at their own (past) time, then decided.
    private async Task<bool> SeedCustomerAsync(string tenantId, int i, DateTimeOffset now, SeedMode mode, CancellationToken cancellationToken)
    {
        var customer = Customer.Create(i, now);
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var clock = new DemoClock(customer.CreatedAt);
        var manager = new VerificationManager(
            services.GetRequiredService<IVerificationStore>(), clock, services.GetRequiredService<ILogger<VerificationManager>>(), services.GetRequiredService<CertificateIssuer>(),
            services.GetRequiredService<IOptions<DocumentCheckOptions>>());
        var analyses = new DocumentAnalysisService(
            services.GetRequiredService<IVerificationStore>(),
            manager,
            services.GetRequiredService<IBlobStore>(),
            services.GetRequiredService<VerificationProtector>(),
            services.GetRequiredService<IOptions<VerificationOptions>>(),
            clock,
            services.GetRequiredService<ILogger<DocumentAnalysisService>>(),
            mode.Reader,
            checkOptions: services.GetRequiredService<IOptions<DocumentCheckOptions>>());

        string? identityId = null;
        AnalysisStatus? identityStatus = null;
        try
        {
            foreach (var (document, minutes) in customer.IdentityDocuments.Select((d, n) => (d, 1 + (n * 4))))
            {
                clock.Now = customer.CreatedAt.AddMinutes(minutes);
                var result = await SubmitIdentityAsync(analyses, tenantId, customer, document, mode, cancellationToken).ConfigureAwait(false);
                if (result is { } saved && identityId is null)
                {
                    (identityId, identityStatus) = (saved.AnalysisId, saved.Status);
                }
            }

            // Without a reader the service keeps the sheet unread for an analyst (2.2), as it does for any host without one.
            clock.Now = customer.CreatedAt.AddMinutes(3);
            await SubmitAsync(analyses, new DocumentSubmission
            {
                Kind = SubmissionKind.BankDetails,
                Files = [new SubmittedFile(customer.BankDetails, "application/pdf", "rib.pdf")],
                UserInput = customer.Typed,
                Save = true,
                CorrelationId = customer.VerificationId,
                Department = customer.Department,
                DocumentCategory = "bank_details",
                Source = new SubmissionSource(tenantId, "ingest", Actor, "demo", null, "doc_service"),
            }, cancellationToken).ConfigureAwait(false);

            if (customer.Decided && identityId is not null)
            {
                // Decided by an analyst two hours later: approved when the product found it conform, rejected otherwise.
                clock.Now = customer.CreatedAt.AddHours(2);
                var decision = identityStatus == AnalysisStatus.Conform ? DecisionKind.Approve : DecisionKind.Reject;
                var decided = await manager.DecideAsync(tenantId, identityId, decision, "analyst:demo", "Checked against the video call.", cancellationToken).ConfigureAwait(false);
                if (!decided.IsSuccess)
                {
                    LogNotSeeded(logger, customer.VerificationId, decided.Failure.Code);
                }
            }

            return identityId is not null;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            // A tool that fails (convert, pdftoppm) costs this customer, never the start of the host.
            LogCustomerFailed(logger, customer.VerificationId, e.GetType().Name, e.Message);
            return false;
        }
    }

    private async Task<AnalysisResult?> SubmitIdentityAsync(
        DocumentAnalysisService analyses, string tenantId, Customer customer, DemoIdentity document, SeedMode mode, CancellationToken cancellationToken)
    {
        byte[]? photo = null;
        if (mode.CanDraw)
        {
            photo = await DemoDocuments.PhotoAsync(document.Kind, document.Lines, customer.SurnameOnDocument, customer.GivenNamesOnDocument, customer.Birth,
                withZone: !document.ZoneCutOff, cancellationToken).ConfigureAwait(false);
        }

        var files = photo is null ? Array.Empty<SubmittedFile>() : [new SubmittedFile(photo, "image/jpeg", document.FileName)];
        var source = new SubmissionSource(tenantId, "reco", Actor, "demo", null, customer.IdentitySource);
        if (mode.Reader is not null && photo is not null)
        {
            // The real path: the photo goes to the reader, which finds and reads the zone itself.
            return await SubmitAsync(analyses, new DocumentSubmission
            {
                Kind = SubmissionKind.Identity,
                Files = files,
                UserInput = customer.Typed,
                Save = true,
                CorrelationId = customer.VerificationId,
                Department = customer.Department,
                Source = source,
            }, cancellationToken).ConfigureAwait(false);
        }

        // No reader: the zone as an app that reads it on the device sends it, with the photo when there is one. A scan
        // that misses the zone is a story only the reader can tell: without one that passport goes as a plain one.
        return await SubmitAsync(analyses, new DocumentSubmission
        {
            Kind = SubmissionKind.Mrz,
            MrzText = string.Join('\n', document.Lines),
            Files = document.ZoneCutOff ? [] : files,
            UserInput = customer.Typed,
            Save = true,
            CorrelationId = customer.VerificationId,
            Department = customer.Department,
            Source = source,
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AnalysisResult?> SubmitAsync(DocumentAnalysisService analyses, DocumentSubmission submission, CancellationToken cancellationToken)
    {
        // A reader that is busy or frees up too late (a loaded machine starting several hosts) is asked again, a
        // little later, a few times: nothing is stored when a submission fails, so the seed stays whole.
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await analyses.AnalyzeAsync(submission, cancellationToken).ConfigureAwait(false);
            if (outcome.TryGetValue(out var result, out var failure))
            {
                return result;
            }

            if (attempt >= 4 || failure.Code is not (ReaderFailures.BusyCode or ReaderFailures.TimeoutCode))
            {
                LogNotSeeded(logger, submission.CorrelationId ?? "?", failure.Code);
                return null;
            }

            await Task.Delay(TimeSpan.FromSeconds(attempt), timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "Demo seed: identity documents are sent without photos because {Reason}")]
    private static partial void LogNoPhotos(ILogger logger, string reason);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Demo seed: the document reader is unavailable ({Reason}); identity documents are sent as their zone's text and bank details are stored unread")]
    private static partial void LogNoReader(ILogger logger, string reason);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Warning, Message = "Demo seed: a document of {VerificationId} was not saved ({Code})")]
    private static partial void LogNotSeeded(ILogger logger, string verificationId, string code);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Warning, Message = "Demo seed: {VerificationId} was skipped: {Error}: {Detail}")]
    private static partial void LogCustomerFailed(ILogger logger, string verificationId, string error, string detail);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Information, Message = "Demo seed: {Count} verifications through the pipeline in {Seconds:0.0} s")]
    private static partial void LogSeedTime(ILogger logger, int count, double seconds);

    private sealed record SeedMode(bool CanDraw, IDocumentReader? Reader);

    /// <summary>An identity document of a customer, and how it was made to look.</summary>
    private sealed record DemoIdentity(DemoIdentityKind Kind, string[] Lines, string FileName, bool ZoneCutOff = false);

    /// <summary>
    /// One demo customer: a Bogus person of a European locale, the documents they show and what they typed. Index i
    /// picks the story, so that the demo always holds each outcome: 0, 4, 10 conform; 1 a French card of 2016 (valid
    /// 15 years); 2 an expired passport; 3 a card of someone else (the typed surname differs); 5 day and month swapped
    /// in the typed birth date; 6 a passport whose birth date was altered (its check digit no longer holds); 7 a scan
    /// that misses the zone; 8 a minor's French card of 2014 (10 years: expired); 11 bank details of another holder.
    /// Every third customer shows a second identity document.
    /// </summary>
    private sealed record Customer(
        string VerificationId,
        DateTimeOffset CreatedAt,
        string Department,
        string IdentitySource,
        string SurnameOnDocument,
        string GivenNamesOnDocument,
        DateOnly Birth,
        HolderInput Typed,
        IReadOnlyList<DemoIdentity> IdentityDocuments,
        byte[] BankDetails,
        bool Decided)
    {
        public static Customer Create(int i, DateTimeOffset now)
        {
            var faker = new Faker { Random = new Randomizer(20261121 + i) };
            // The French cards' stories are told by French customers.
            var locale = i is 1 or 8 ? 0 : i % Locales.Length;
            var person = new Faker(Locales[locale]) { Random = new Randomizer(1000 + i) }.Person;
            var nationality = Nationalities[locale];
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var created = now.AddDays(-faker.Random.Int(0, 20)).AddMinutes(-faker.Random.Int(0, 600));
            var createdDay = DateOnly.FromDateTime(created.UtcDateTime);

            var surname = MrzBuilder.MrzName(Ascii(person.LastName)).Trim('<');
            var given = MrzBuilder.MrzName(Ascii(person.FirstName)).Trim('<');
            // A birth date of an adult; for the swapped-date story a day that can pass for a month.
            var birth = i == 5
                ? new DateOnly(faker.Random.Int(1960, 1999), faker.Random.Int(7, 12), faker.Random.Int(1, 6))
                : DateOnly.FromDateTime(faker.Date.Past(50, now.UtcDateTime.AddYears(-19)));
            if (i == 8)
            {
                birth = new DateOnly(2003, 3, 14);
            }

            var sex = person.Gender == Bogus.DataSets.Name.Gender.Female ? 'F' : 'M';
            var issuer = nationality.PadRight(3, '<');
            var expiry = i == 2 ? createdDay.AddMonths(-7) : createdDay.AddYears(6).AddDays(faker.Random.Int(0, 300));
            var number = faker.Random.Replace("??#######").ToUpperInvariant();

            var documents = new List<DemoIdentity>();
            switch (i)
            {
                case 1:
                    documents.Add(new(DemoIdentityKind.FrenchCard, FrenchCard(surname, given, birth, sex, new DateOnly(2016, 5, 1), faker), "cni.jpg"));
                    break;
                case 8:
                    documents.Add(new(DemoIdentityKind.FrenchCard, FrenchCard(surname, given, birth, sex, new DateOnly(2014, 9, 1), faker), "cni.jpg"));
                    break;
                case 3 or 5 or 11:
                    documents.Add(new(DemoIdentityKind.IdCard, MrzBuilder.Td1(issuer, surname, [given], number, issuer, birth, sex, expiry, string.Empty), "id-card.jpg"));
                    break;
                case 6:
                    documents.Add(new(DemoIdentityKind.Passport, Altered(MrzBuilder.Td3(issuer, surname, [given], number, issuer, birth, sex, expiry, string.Empty)), "passport.jpg"));
                    break;
                case 7:
                    documents.Add(new(DemoIdentityKind.Passport, MrzBuilder.Td3(issuer, surname, [given], number, issuer, birth, sex, expiry, string.Empty), "passport.jpg", ZoneCutOff: true));
                    break;
                default:
                    documents.Add(new(DemoIdentityKind.Passport, MrzBuilder.Td3(issuer, surname, [given], number, issuer, birth, sex, expiry, string.Empty), "passport.jpg"));
                    break;
            }

            if (i % 3 == 0)
            {
                var cardNumber = faker.Random.Replace("?##??####").ToUpperInvariant();
                documents.Add(new(DemoIdentityKind.IdCard, MrzBuilder.Td1(issuer, surname, [given], cardNumber, issuer, birth, sex, createdDay.AddYears(8), string.Empty), "id-card.jpg"));
            }

            var typedLastName = i == 3 ? new Faker(Locales[(locale + 3) % Locales.Length]) { Random = new Randomizer(7000 + i) }.Person.LastName : person.LastName;
            var typedBirth = i == 5 ? new DateOnly(birth.Year, birth.Day, birth.Month) : birth;
            var holder = i == 11 ? new Faker("fr") { Random = new Randomizer(9000 + i) }.Person.FullName : $"{person.FirstName} {person.LastName}";

            return new Customer(
                $"DEMO-customer-{10_000 + i}",
                created,
                faker.PickRandom(Departments),
                IdentitySources[i % IdentitySources.Length],
                surname.Replace('<', ' '),
                given.Replace('<', ' '),
                birth,
                new HolderInput(person.FirstName, typedLastName, typedBirth),
                documents,
                Bank(Ascii(holder).ToUpperInvariant(), locale, faker),
                Decided: i % 4 == 1);
        }

        // The French card: office code and issue month in the zone; the product estimates its expiry from them.
        private static string[] FrenchCard(string surname, string given, DateOnly birth, char sex, DateOnly issued, Faker faker)
        {
            var number = issued.ToString("yyMM", CultureInfo.InvariantCulture) + faker.Random.Replace("75#") + faker.Random.Replace("#####");
            return MrzBuilder.French(surname, [given], "75" + faker.Random.Replace("#0##"), number, birth, sex);
        }

        // The birth year changed by hand, its check digit left as printed: what an altered document looks like.
        private static string[] Altered(string[] lines)
        {
            var line2 = lines[1].ToCharArray();
            line2[14] = line2[14] == '9' ? '8' : (char)(line2[14] + 1);
            return [lines[0], new string(line2)];
        }

        private static byte[] Bank(string holder, int locale, Faker faker)
        {
            switch (Locales[locale])
            {
                case "de":
                    return DemoDocuments.BankDetailsPdf(holder, "DEUTSCHE BANK", IbanBuilder.Iban("DE", faker.Random.Replace("##################")), "DEUTDEFFXXX", null);
                case "nl":
                    return DemoDocuments.BankDetailsPdf(holder, "ING BANK", IbanBuilder.Iban("NL", "INGB" + faker.Random.Replace("##########")), "INGBNL2AXXX", null);
                default:
                    var (bankName, bic, code) = faker.PickRandom(("BNP PARIBAS", "BNPAFRPPXXX", "30004"), ("CREDIT AGRICOLE", "AGRIFRPPXXX", "30006"), ("SOCIETE GENERALE", "SOGEFRPPXXX", "30003"));
                    var branch = faker.Random.Replace("#####");
                    var account = faker.Random.Replace("###########");
                    var key = IbanBuilder.RibKey(code, branch, account);
                    return DemoDocuments.BankDetailsPdf(holder, bankName, IbanBuilder.Iban("FR", code + branch + account + key), bic, (code, branch, account, key));
            }
        }

        // The sheets and zones are ASCII: accents dropped, other letters written as ICAO 9303 transliterates them.
        private static string Ascii(string name)
        {
            var builder = new System.Text.StringBuilder(name.Length);
            foreach (var c in name.Normalize(System.Text.NormalizationForm.FormD))
            {
                switch (c)
                {
                    case 'ł' or 'Ł':
                        builder.Append(char.IsUpper(c) ? 'L' : 'l');
                        break;
                    case 'ø' or 'Ø':
                        builder.Append(char.IsUpper(c) ? 'O' : 'o');
                        break;
                    case 'ß':
                        builder.Append("ss");
                        break;
                    case 'æ' or 'Æ':
                        builder.Append(char.IsUpper(c) ? "AE" : "ae");
                        break;
                    default:
                        if (char.IsAscii(c))
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            return builder.ToString();
        }
    }

    /// <summary>A clock the seed moves by hand, to date each document and decision in the past.</summary>
    private sealed class DemoClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
