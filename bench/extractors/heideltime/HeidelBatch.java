// Runs HeidelTime (Arabic, news) over many documents in one JVM.
// Usage: java -cp <heideltime jar> HeidelBatch.java <config.props> <jobs file>
// Each line of the jobs file: DCT (yyyy-MM-dd) TAB input text file TAB output TimeML file.
import de.unihd.dbs.heideltime.standalone.DocumentType;
import de.unihd.dbs.heideltime.standalone.HeidelTimeStandalone;
import de.unihd.dbs.heideltime.standalone.OutputType;
import de.unihd.dbs.heideltime.standalone.POSTagger;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.text.SimpleDateFormat;
import java.util.List;

public class HeidelBatch {
    public static void main(String[] args) throws Exception {
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(
            Language.ARABIC, DocumentType.NEWS, OutputType.TIMEML, args[0], POSTagger.NO);
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd");
        List<String> jobs = Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8);
        for (String job : jobs) {
            String[] part = job.split("\t");
            String text = new String(Files.readAllBytes(Paths.get(part[1])), StandardCharsets.UTF_8);
            String out = tagger.process(text, format.parse(part[0]));
            Files.write(Paths.get(part[2]), out.getBytes(StandardCharsets.UTF_8));
        }
    }
}
