// A multi-stage pipeline: generate a corpus, split it (how many chunks depends on the data),
// a barrier, per-chunk word counts, a map/reduce merge, and a summary.
// Run it with:  jugcloud execute examples/wordcount/jugfile.cs
// Then:         jugcloud status examples/wordcount/jugfile.cs
using static Jug.Cloud.Jug;
using static Jug.Cloud.MapReduce.MapReduceTasks;

var words = args.Length > 0 ? int.Parse(args[0]) : 200_000;

// Stage 1: the corpus and its split. The chunk count is a result, not a constant.
var corpus = Task(Text.Generate, words, 42);
var chunks = Task(Text.Split, corpus, 25_000);

// Stage 2: the code below needs the number of chunks, so everything above runs first.
Barrier();
var chunkCount = Value(chunks).Length;

// Stage 3: one task per chunk.
var counts = IterateTask(chunks, chunkCount).Select(c => Task(Text.CountWords, c)).ToList();

// Stage 4: map/reduce. Merge the per-chunk counts in a tree of tasks, four at a time, and
// histogram word lengths with many small calls batched eight to a task.
var merged = Reduce(Text.Merge, counts, chunk: 4);
var lengths = Map(Text.LengthOf, Enumerable.Range(0, 64).Select(Text.WordAt), chunk: 8);

// Stage 5: the summary.
Task(Text.Summarize, merged, Gather(lengths));

public static class Text
{
    private static readonly string[] Vocabulary =
        ["orleans", "grain", "silo", "task", "hash", "store", "barrier", "worker", "result", "graph", "jug", "cloud"];

    public static string WordAt(int i) => Vocabulary[i % Vocabulary.Length];

    public static string Generate(int words, int seed)
    {
        var random = new Random(seed);
        return string.Join(' ', Enumerable.Range(0, words).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));
    }

    public static string[] Split(string corpus, int wordsPerChunk) =>
        [.. corpus.Split(' ').Chunk(wordsPerChunk).Select(c => string.Join(' ', c))];

    public static Dictionary<string, int> CountWords(string chunk) =>
        chunk.Split(' ').GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());

    public static Dictionary<string, int> Merge(Dictionary<string, int> a, Dictionary<string, int> b)
    {
        var merged = new Dictionary<string, int>(a);
        foreach (var (word, count) in b)
        {
            merged[word] = merged.GetValueOrDefault(word) + count;
        }

        return merged;
    }

    public static int LengthOf(string word) => word.Length;

    public static string Summarize(Dictionary<string, int> counts, IReadOnlyList<int> lengths) =>
        $"{counts.Values.Sum()} words, {counts.Count} distinct; most common: " +
        string.Join(", ", counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(3).Select(p => $"{p.Key} ({p.Value})")) +
        $"; mean vocabulary word length {lengths.Average():0.00}";
}
