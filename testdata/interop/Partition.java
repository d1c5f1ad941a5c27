// Prints, for each key read from standard input (one a line), the
// partition the Java client's default partitioner writes it to among N:
// Utils.toPositive(Utils.murmur2(key)) % N, as BuiltInPartitioner does.
// Run with the kafka-clients jar: java -cp 'jars/*' Partition.java N
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

public class Partition {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String key; (key = in.readLine()) != null; ) {
            byte[] b = key.getBytes(StandardCharsets.UTF_8);
            System.out.println(Utils.toPositive(Utils.murmur2(b)) % n);
        }
    }
}
